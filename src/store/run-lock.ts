import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { LockOwner } from './store.js';

/** A holder on another host that has not beaten its heart for this long is gone. */
export const HEARTBEAT_EVERY_MS = 15_000;
export const STALE_AFTER_MS = 120_000;

/**
 * When a process started, as the kernel tells it (Linux: field 22 of /proc/<pid>/stat): a pid
 * that was reused by another process has another start time. Undefined where unknown.
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function ourselves(now: number): LockOwner {
  return { host: hostname(), pid: process.pid, since: now, heartbeat: now, processStart: processStart(process.pid) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stale: on this host, its process is gone or is another process now (a reused pid). A live
 * process on this host is never stale, however old its heartbeat: a stopped one (SIGSTOP, a
 * laptop lid) or a wall-clock jump is not a death. Heartbeats judge only other hosts.
 */
export function isStale(owner: LockOwner, now: number): boolean {
  if (owner.host !== hostname()) return now - owner.heartbeat > STALE_AFTER_MS;
  if (!alive(owner.pid)) return true;
  return owner.processStart !== undefined && processStart(owner.pid) !== owner.processStart;
}

export const isOurs = (owner: LockOwner) => owner.host === hostname() && owner.pid === process.pid;
