import { join } from 'node:path';
import { LockedError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import type { FenceTimings } from '../fence-timings.js';
import { withFileLock } from '../lock.js';
import { HEARTBEAT_EVERY_MS, isOurs, isStale, ourselves } from '../run-lock.js';
import type { SqlDatabase, SqlRunner } from '../sql/database.js';
import { checkGeneration, clearChecked, fencedError, raiseGeneration, waitForPostsInFlight } from '../sql/fencing.js';
import type { AcquireRunOptions, LockOwner, LockRepo, RunLock } from '../store.js';

interface LockRow { host: string; pid: number; process_start: string | null; since: number | string; heartbeat: number | string }

const toOwner = (row: LockRow): LockOwner => ({
  host: row.host, pid: Number(row.pid), since: Number(row.since), heartbeat: Number(row.heartbeat),
  ...(row.process_start ? { processStart: row.process_start } : {}),
});

export const lockedBy = (owner: LockOwner | undefined) => new LockedError('state.locked', owner
  ? { host: owner.host, pid: owner.pid, since: new Date(owner.since).toISOString() }
  : { host: '?', pid: '?', since: '?' });

export async function readRunLock(db: SqlRunner): Promise<LockOwner | undefined> {
  const row = await db.get<LockRow>('SELECT host, pid, process_start, since, heartbeat FROM run_lock WHERE id = 1');
  return row ? toOwner(row) : undefined;
}

/**
 * Shared by both backends: the run lock's row, with a heartbeat while it is held, taken in the
 * transaction that raises the generation. The new holder then waits for the previous holder's
 * writes that may still be on the wire.
 */
export async function takeRunLockRow(
  db: SqlDatabase, clock: Clock, timings: FenceTimings, options: AcquireRunOptions & { force?: boolean; lost?: AbortSignal } = {},
): Promise<RunLock> {
  const me = ourselves(clock.now());
  const previous = await db.transaction(async (tx) => {
    const row = await tx.get<LockRow>('SELECT host, pid, process_start, since, heartbeat FROM run_lock WHERE id = 1');
    if (row && !options.force && !isStale(toOwner(row), clock.now())) throw lockedBy(toOwner(row));
    await tx.run('DELETE FROM run_lock WHERE id = 1');
    await tx.run('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, ?, ?, ?)',
      [me.host, me.pid, me.processStart ?? null, me.since, me.heartbeat]);
    return raiseGeneration(tx, db.dialect, clock.now());
  });
  const { generation } = previous;
  const beat = setInterval(() => {
    db.run('UPDATE run_lock SET heartbeat = ? WHERE id = 1 AND host = ? AND pid = ? AND since = ?', [clock.now(), me.host, me.pid, me.since]).catch(() => {});
  }, HEARTBEAT_EVERY_MS);
  beat.unref();
  const release = async () => {
    clearInterval(beat);
    await clearChecked(db, generation);
    // Only our own row: a holder that lost its lock must not remove its successor's.
    await db.run('DELETE FROM run_lock WHERE id = 1 AND host = ? AND pid = ? AND since = ?', [me.host, me.pid, me.since]);
  };
  try {
    await waitForPostsInFlight(db, clock, timings, previous, options.onWait);
  } catch (error) {
    await release().catch(() => {});
    throw error;
  }
  return {
    generation,
    release,
    async check() {
      if (!await checkGeneration(db, db.dialect, generation, clock.now())) throw await fencedError(db);
      // The session that held it is gone: no other run has it yet, but one may at any moment.
      if (options.lost?.aborted) throw new LockedError('state.lockLost', {});
    },
  };
}

/**
 * In one transaction: the holder judged (a live one refused unless forced), the generation
 * raised (any holder is fenced when it next checks) and the lock row gone.
 */
export async function clearRunLock(db: SqlDatabase, clock: Clock, force: boolean, live: (owner: LockOwner) => boolean | Promise<boolean>): Promise<LockOwner | undefined> {
  return db.transaction(async (tx) => {
    const owner = await readRunLock(tx);
    if (!owner) return undefined;
    if (!force && await live(owner)) throw new LockedError('state.unlockLive', { host: owner.host, pid: owner.pid, since: new Date(owner.since).toISOString() });
    await raiseGeneration(tx, db.dialect, clock.now());
    await tx.run('DELETE FROM run_lock WHERE id = 1');
    return owner;
  });
}

/** A local file: the run lock is a row (with heartbeat), the token lock a file beside the database. */
export function sqliteLocks(db: SqlDatabase, clock: Clock, configDir: string, timings: FenceTimings): LockRepo {
  return {
    acquireRun: (options) => takeRunLockRow(db, clock, timings, options),
    async runHolder() {
      const owner = await readRunLock(db);
      return owner ? { owner, stale: !isOurs(owner) && isStale(owner, clock.now()) } : undefined;
    },
    async breakRun(options = {}) {
      return await clearRunLock(db, clock, options.force === true, (owner) => !isStale(owner, clock.now())) !== undefined;
    },
    withTokenLock: (fn) => withFileLock(join(configDir, 'token.lock'), clock, 30_000, fn),
  };
}
