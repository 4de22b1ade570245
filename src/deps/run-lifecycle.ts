import type { Environment } from '../env.js';
import { ExitCode } from '../errors/index.js';
import type { Translate } from '../i18n/translate.js';
import type { Io } from '../io/io.js';
import type { Stores } from './parts.js';
import type { RunCounts } from '../store/store.js';
import { createPinger, parsePingUrl, shownPingTarget, type PingKind } from '../runs/ping.js';
import { recordedCommand } from '../runs/recorded-commands.js';
import type { RunIdentity } from '../runs/run-identity.js';

/** What a command tells its run's record and pings; the entry point does the rest. */
export interface RunLifecycle {
  /** The run is under way (it holds the send lock, where it takes one): the start ping leaves now, once. */
  began(): Promise<void>;
  /** Counts and reasons, never names: the record's counts and the end ping's body. */
  report(counts: RunCounts, extra?: { reached?: string[]; inWindow?: boolean }): void;
  /** The entry point, before the command runs: whether it is recorded and pinged (bad --ping: exit 2). */
  prepare(options: Record<string, unknown>): Promise<void>;
  /** The entry point, after the command: the record, then the end ping. Never throws. */
  finish(exitCode: number): Promise<void>;
}

interface Parts { io: Io; t: Translate; stores: Stores; env: Environment; run: RunIdentity; now: () => number }

export function createRunLifecycle({ io, t, stores, env, run, now }: Parts): RunLifecycle {
  let recorded = false;
  let ping: ((kind: PingKind, body: string) => Promise<string | undefined>) | undefined;
  let target = '';
  let warned = false;
  let begun = false;
  let started: Promise<void> = Promise.resolve();
  let counts: RunCounts = {};
  let extra: { reached?: string[]; inWindow?: boolean } = {};
  const summary = (exitCode?: number) => JSON.stringify({
    runId: run.id, command: run.command, host: run.host, version: run.version, startedAt: new Date(run.startedAt).toISOString(),
    ...(exitCode === undefined ? {} : { endedAt: new Date(now()).toISOString(), exitCode, counts }),
  });
  const send = async (kind: PingKind, body: string) => {
    const problem = await ping!(kind, body);
    // One warning a run, however many pings fail: the run itself goes on.
    if (problem && !warned) { warned = true; io.err(t('ping.failed', { target, problem })); }
  };
  return {
    async prepare(options) {
      const entry = recordedCommand(run.command);
      if (!entry || options.dryRun === true) return;
      recorded = entry.when ? entry.when(options) : true;
      const given = typeof options.ping === 'string' ? options.ping : undefined;
      const fromEnv = entry.ping && (entry.ping.when?.(options) ?? true) ? env.pingUrl : undefined;
      if (given === undefined && fromEnv === undefined) return;
      const url = parsePingUrl((given ?? fromEnv)!, given !== undefined ? '--ping' : 'HIMANAGER_CHATWORK_PING_URL');
      io.registerSecret(url.href);
      io.registerSecret(given ?? fromEnv);
      target = shownPingTarget(url);
      ping = createPinger(url, run.id);
      if (entry.ping?.startsAt !== 'lock') await this.began();
    },
    async began() {
      if (begun) return;
      begun = true;
      // On its way while the run works (its cost is not the run's start-up); the end waits for it.
      if (ping) started = send('start', summary());
    },
    report(next, more = {}) {
      counts = next;
      extra = more;
    },
    async finish(exitCode) {
      // Another run holds the lock and this one did nothing: no record, no ping.
      if (exitCode === ExitCode.locked && !begun) return;
      // Bad input changes nothing, its run record included.
      if (recorded && exitCode !== ExitCode.usage) {
        try {
          const store = await stores.state();
          await store.runs.record({
            runId: run.id, command: run.command, host: run.host, pid: run.pid, version: run.version,
            startedAt: run.startedAt, endedAt: now(), exitCode, counts, ...extra,
          });
        } catch (error) {
          // The run already failed on its store: no second message for the same cause.
          if (exitCode === ExitCode.ok) io.err(t('runs.notRecorded', { reason: error instanceof Error ? error.message : String(error) }));
        }
      }
      // The start is answered (or given up on) before the end leaves: the service sees them in order.
      await started;
      if (ping) await send(exitCode === ExitCode.ok ? 'success' : 'fail', summary(exitCode));
    },
  };
}
