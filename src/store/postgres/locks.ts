import type { Client } from 'pg';
import { LockedError } from '../../errors.js';
import type { Clock } from '../../io/clock.js';
import type { SqlDatabase } from '../sql/database.js';
import { readRunLock, takeRunLockRow } from '../sqlite/locks.js';
import type { LockOwner, LockRepo, RunLock } from '../store.js';
import { LOCK_KEYS } from './database.js';

/** A run lock that also says when it was lost: its connection died while the run went on. */
export interface PostgresRunLock extends RunLock {
  /** Aborted when the lock's connection is gone (the server dropped it): stop sending. */
  readonly signal: AbortSignal;
}

export interface PostgresLockOptions {
  /** How long withTokenLock waits for another host's refresh (default 30 s). */
  tokenLockWaitMs?: number;
}

const lockedBy = (owner: LockOwner | undefined) => new LockedError('state.locked', owner
  ? { host: owner.host, pid: owner.pid, since: new Date(owner.since).toISOString() }
  : { host: '?', pid: '?', since: '?' });

/**
 * Locks across every host sharing the database, as session advisory locks on connections of
 * their own: the server releases them when the holder's connection dies (kill -9, a lost node),
 * so no lock ever needs a manual unlock. The run_lock row only names the holder.
 */
export function postgresLocks(
  db: SqlDatabase, clock: Clock, dedicatedClient: () => Promise<Client>, options: PostgresLockOptions = {},
): LockRepo & { acquireRun(): Promise<PostgresRunLock> } {
  const tokenWaitMs = options.tokenLockWaitMs ?? 30_000;

  /** Whether any session holds the send-reminders lock in this database. */
  const runLockHeld = async () => {
    const hi = Number(LOCK_KEYS.sendReminders >> 32n);
    const lo = Number(LOCK_KEYS.sendReminders & 0xffffffffn);
    const row = await db.get<{ held: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 1) AS held`, [hi, lo]);
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
    async acquireRun() {
      const client = await dedicatedClient();
      try {
        const won = (await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS.sendReminders}) AS ok`)).rows[0]?.ok === true;
        if (!won) throw lockedBy(await holder());
        // The advisory lock is ours, so any row left behind is a dead holder's: take it over.
        const releaseRow = await takeRunLockRow(db, clock, { force: true });
        const lost = new AbortController();
        let released = false;
        client.on('error', (error) => lost.abort(error));
        client.on('end', () => { if (!released) lost.abort(new Error('the run lock connection closed')); });
        return {
          signal: lost.signal,
          async release() {
            if (released) return;
            released = true;
            try {
              await releaseRow();
            } finally {
              // Ending the session releases its advisory lock, even if the unlock itself fails.
              await client.query(`SELECT pg_advisory_unlock(${LOCK_KEYS.sendReminders})`).catch(() => {});
              await client.end().catch(() => {});
            }
          },
        };
      } catch (error) {
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
    async breakRun() {
      const owner = await readRunLock(db);
      if (!owner) return false;
      if (await runLockHeld()) throw lockedBy(owner);
      await db.run('DELETE FROM run_lock WHERE id = 1 AND host = ? AND pid = ?', [owner.host, owner.pid]);
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
