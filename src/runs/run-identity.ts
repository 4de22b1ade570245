import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who this invocation is, for logs, run records, pings and alerts: one per process, made when
 * the command starts. The id is a UUID (healthchecks' `rid`), so lines from several hosts and
 * the run record they belong to can be joined.
 */
export interface RunIdentity {
  readonly id: string;
  /** As typed, without the program's name: `send-reminders`, `contacts approve`. */
  readonly command: string;
  readonly host: string;
  readonly pid: number;
  readonly version: string;
  /** Epoch ms. */
  readonly startedAt: number;
}

export function newRunIdentity(command: string, version: string, now: number): RunIdentity {
  return { id: randomUUID(), command, host: hostname(), pid: process.pid, version, startedAt: now };
}
