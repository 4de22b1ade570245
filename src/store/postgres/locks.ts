import type { Client } from 'pg';
import { LockedError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import { KEEPALIVE, PRODUCTION_FENCE_TIMINGS, type FenceTimings } from '../fence-timings.js';
import type { SqlDatabase } from '../sql/database.js';
import { clearRunLock, lockedBy, readRunLock, takeRunLockRow } from '../sqlite/locks.js';
import type { AcquireRunOptions, LockRepo, RunLock } from '../store.js';
import { LOCK_KEYS } from './database.js';

/** A run lock that also says when it was lost: its connection died while the run went on. */
export interface PostgresRunLock extends RunLock {
  /** Aborted when the lock's connection is gone (the server dropped it): stop sending. */
  readonly signal: AbortSignal;
}

export interface PostgresLockOptions {
  /** How long withTokenLock waits for another host's refresh (default 30 s). */
  tokenLockWaitMs?: number;
  fenceTimings?: FenceTimings;
}

/**
 * The lock session tells the server to end it when it falls silent: TCP keepalives (a lost
 * node, a cut cable) and idle_session_timeout (PostgreSQL 14+: a stopped holder, whose kernel
 * still answers keepalives). The holder pings it well inside that time while it lives.
 */
async function limitSession(client: Client, timings: FenceTimings): Promise<NodeJS.Timeout> {
  await client.query(`SET tcp_keepalives_idle = ${KEEPALIVE.idleS}; SET tcp_keepalives_interval = ${KEEPALIVE.intervalS};
    SET tcp_keepalives_count = ${KEEPALIVE.count}; SET tcp_user_timeout = ${timings.sessionTimeoutMs}`);
  // Older servers do not know it (42704): the keepalives still end a lost node's session.
  await client.query(`SET idle_session_timeout = ${timings.sessionTimeoutMs}`).catch(() => {});
  const ping = setInterval(() => { client.query('SELECT 1').catch(() => {}); }, timings.pingMs);
  ping.unref();
  return ping;
}

/**
 * Locks across every host sharing the database, as session advisory locks on connections of
 * their own: the server releases them when the holder's connection dies (kill -9, a lost node),
 * so no lock ever needs a manual unlock. The run_lock row only names the holder.
 */
export function postgresLocks(
  db: SqlDatabase, clock: Clock, dedicatedClient: () => Promise<Client>, options: PostgresLockOptions = {},
): LockRepo & { acquireRun(options?: AcquireRunOptions): Promise<PostgresRunLock> } {
  const tokenWaitMs = options.tokenLockWaitMs ?? 30_000;
  const timings = options.fenceTimings ?? PRODUCTION_FENCE_TIMINGS;
  const advisoryKey = () => ({ hi: Number(LOCK_KEYS.sendReminders >> 32n), lo: Number(LOCK_KEYS.sendReminders & 0xffffffffn) });
  const holdingBackend = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 1`;

  /** Whether any session holds the send-reminders lock in this database. */
  const runLockHeld = async () => {
    const { hi, lo } = advisoryKey();
    const row = await db.get<{ held: boolean }>(`SELECT EXISTS (${holdingBackend}) AS held`, [hi, lo]);
    return row?.held === true;
  };

  /** The holder's row may lag its advisory lock by a moment: look a few times before giving up. */
  const holder = async () => {
    for (let i = 0; i < 20; i++) {
      const owner = await readRunLock(db);
      if (owner) return owner;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  };

  return {
    async acquireRun(acquireOptions = {}) {
      const client = await dedicatedClient();
      let ping: NodeJS.Timeout | undefined;
      try {
        const won = (await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS.sendReminders}) AS ok`)).rows[0]?.ok === true;
        if (!won) throw lockedBy(await holder());
        ping = await limitSession(client, timings);
        const lost = new AbortController();
        let released = false;
        client.on('error', (error) => lost.abort(error));
        client.on('end', () => { if (!released) lost.abort(new Error('the run lock connection closed')); });
        // The advisory lock is ours, so any row left behind is a dead holder's: take it over.
        const row = await takeRunLockRow(db, clock, timings, { ...acquireOptions, force: true, lost: lost.signal });
        return {
          signal: lost.signal,
          generation: row.generation,
          check: row.check,
          async release() {
            if (released) return;
            released = true;
            clearInterval(ping);
            try {
              await row.release();
            } finally {
              // Ending the session releases its advisory lock, even if the unlock itself fails.
              await client.query(`SELECT pg_advisory_unlock(${LOCK_KEYS.sendReminders})`).catch(() => {});
              await client.end().catch(() => {});
            }
          },
        };
      } catch (error) {
        clearInterval(ping);
        await client.end().catch(() => {});
        throw error;
      }
    },
    async runHolder() {
      const owner = await readRunLock(db);
      if (!owner) return undefined;
      // Live means a session holds the advisory lock; a row without one was left by a dead holder.
      return { owner, stale: !(await runLockHeld()) };
    },
    async breakRun(breakOptions = {}) {
      const owner = await clearRunLock(db, clock, breakOptions.force === true, runLockHeld);
      if (!owner) return false;
      // Forced: the generation is raised already; ending the holder's lock session frees the
      // advisory lock for the next run (the holder, fenced, stops before its next write).
      const { hi, lo } = advisoryKey();
      await db.all(`SELECT pg_terminate_backend(pid) AS ok FROM (${holdingBackend}) AS holders`, [hi, lo]);
      return true;
    },
    async withTokenLock(fn) {
      const client = await dedicatedClient();
      try {
        // lock_timeout bounds the wait for an advisory lock too: no polling, fair queueing.
        await client.query(`SET lock_timeout = ${Math.max(1, Math.round(tokenWaitMs))}`);
        try {
          await client.query(`SELECT pg_advisory_lock(${LOCK_KEYS.tokenRefresh})`);
        } catch (error) {
          if ((error as { code?: string }).code === '55P03') {
            throw new LockedError('state.tokenLockTimeout', { seconds: Math.round(tokenWaitMs / 1000) });
          }
          throw error;
        }
        try {
          return await fn();
        } finally {
          await client.query(`SELECT pg_advisory_unlock(${LOCK_KEYS.tokenRefresh})`).catch(() => {});
        }
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}
