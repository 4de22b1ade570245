import { join } from 'node:path';
import { LockedError } from '../../errors.js';
import type { Clock } from '../../io/clock.js';
import { withFileLock } from '../lock.js';
import { HEARTBEAT_EVERY_MS, isOurs, isStale, ourselves } from '../run-lock.js';
import type { SqlDatabase } from '../sql/database.js';
import type { LockOwner, LockRepo } from '../store.js';

interface LockRow { host: string; pid: number; process_start: string | null; since: number | string; heartbeat: number | string }

const toOwner = (row: LockRow): LockOwner => ({
  host: row.host, pid: Number(row.pid), since: Number(row.since), heartbeat: Number(row.heartbeat),
  ...(row.process_start ? { processStart: row.process_start } : {}),
});

export async function readRunLock(db: SqlDatabase): Promise<LockOwner | undefined> {
  const row = await db.get<LockRow>('SELECT host, pid, process_start, since, heartbeat FROM run_lock WHERE id = 1');
  return row ? toOwner(row) : undefined;
}

/** Shared by both backends: the run lock's row, with a heartbeat while it is held. */
export async function takeRunLockRow(db: SqlDatabase, clock: Clock, options: { force?: boolean } = {}): Promise<() => Promise<void>> {
  const me = ourselves(clock.now());
  await db.transaction(async (tx) => {
    const row = await tx.get<LockRow>('SELECT host, pid, process_start, since, heartbeat FROM run_lock WHERE id = 1');
    if (row && !options.force && !isStale(toOwner(row), clock.now())) {
      throw new LockedError('state.locked', { host: row.host, pid: row.pid, since: new Date(Number(row.since)).toISOString() });
    }
    await tx.run('DELETE FROM run_lock WHERE id = 1');
    await tx.run('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, ?, ?, ?)',
      [me.host, me.pid, me.processStart ?? null, me.since, me.heartbeat]);
  });
  const beat = setInterval(() => {
    db.run('UPDATE run_lock SET heartbeat = ? WHERE id = 1 AND host = ? AND pid = ? AND since = ?', [clock.now(), me.host, me.pid, me.since]).catch(() => {});
  }, HEARTBEAT_EVERY_MS);
  beat.unref();
  return async () => {
    clearInterval(beat);
    // Only our own row: a holder that lost its lock must not remove its successor's.
    await db.run('DELETE FROM run_lock WHERE id = 1 AND host = ? AND pid = ? AND since = ?', [me.host, me.pid, me.since]);
  };
}

/** A local file: the run lock is a row (with heartbeat), the token lock a file beside the database. */
export function sqliteLocks(db: SqlDatabase, clock: Clock, configDir: string): LockRepo {
  return {
    async acquireRun() {
      return { release: await takeRunLockRow(db, clock) };
    },
    async runHolder() {
      const owner = await readRunLock(db);
      return owner ? { owner, stale: !isOurs(owner) && isStale(owner, clock.now()) } : undefined;
    },
    async breakRun() {
      const owner = await readRunLock(db);
      if (!owner) return false;
      if (!isStale(owner, clock.now())) throw new LockedError('state.locked', { host: owner.host, pid: owner.pid, since: new Date(owner.since).toISOString() });
      await db.run('DELETE FROM run_lock WHERE id = 1 AND host = ? AND pid = ?', [owner.host, owner.pid]);
      return true;
    },
    withTokenLock: (fn) => withFileLock(join(configDir, 'token.lock'), clock, 30_000, fn),
  };
}
