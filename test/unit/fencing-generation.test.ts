import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockedError } from '../../src/errors/index.js';
import type { FenceTimings } from '../../src/store/fence-timings.js';
import type { SqlDatabase } from '../../src/store/sql/database.js';
import { assertGeneration, checkGeneration, clearChecked, fencedError, raiseGeneration, storeNow, waitForPostsInFlight } from '../../src/store/sql/fencing.js';
import { migrate } from '../../src/store/sql/migrate.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import { migrations } from '../../src/store/sqlite/migrations/index.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * The fencing token on its boundary, on a real (in-memory) SQLite store with its own schema:
 * a Chatwork write or an intent carrying the current generation is accepted; one lower (a run
 * that lost its lock) is refused, and so is any other; the successor waits for the old
 * holder's last checked write exactly as long as the POST timeout and the margin.
 */
const T0 = Date.UTC(2026, 11, 5, 0, 0, 0);
const TIMINGS: FenceTimings = { postTimeoutMs: 600, marginMs: 400, pingMs: 100, sessionTimeoutMs: 1000 };
let db: SqlDatabase;

beforeEach(async () => {
  db = sqliteDatabase(new DatabaseSync(':memory:'), ':memory:');
  await migrate(db, migrations, ':memory:');
});
afterEach(async () => { await db.close(); });

const checkedAt = async () => (await db.get<{ checked_at: number | null }>('SELECT checked_at FROM fencing WHERE id = 1'))!.checked_at;
const raise = (now = T0) => db.transaction((tx) => raiseGeneration(tx, db.dialect, now));
const holder = () => db.run('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, NULL, ?, ?)', ['host-b', 4242, T0, T0]);
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('the generation', () => {
  it('grows by one at each take-over and tells the previous holder\'s last check', async () => {
    expect(await raise(T0)).toEqual({ generation: 1, checkedAt: null, now: T0 });
    expect(await checkGeneration(db, db.dialect, 1, T0 + 5)).toBe(true);
    expect(await raise(T0 + 9)).toEqual({ generation: 2, checkedAt: T0 + 5, now: T0 + 9 });
  });

  it('a Chatwork write with the current generation is checked (and the time kept); one lower, or higher, is refused and keeps nothing', async () => {
    await raise();
    await raise();
    expect(await checkGeneration(db, db.dialect, 1, T0 + 1)).toBe(false);
    expect(await checkGeneration(db, db.dialect, 3, T0 + 1)).toBe(false);
    expect(await checkedAt()).toBeNull();
    expect(await checkGeneration(db, db.dialect, 2, T0 + 2)).toBe(true);
    expect(await checkedAt()).toBe(T0 + 2);
  });

  it('an intent of the current generation (or of no run lock) is accepted; one lower is refused naming who holds the lock now', async () => {
    await raise();
    await raise();
    await holder();
    await expect(db.transaction((tx) => assertGeneration(tx, 2))).resolves.toBeUndefined();
    await expect(db.transaction((tx) => assertGeneration(tx, undefined))).resolves.toBeUndefined();
    for (const stale of [1, 3]) {
      const error = await refusal(db.transaction((tx) => assertGeneration(tx, stale)));
      expect(error).toBeInstanceOf(LockedError);
      expect(error).toMatchObject({ key: 'state.fenced', params: { host: 'host-b', pid: 4242, since: new Date(T0).toISOString() } });
    }
  });

  it('a refusal after a forced unlock says the lock was cleared', async () => {
    await raise();
    expect(await fencedError(db)).toMatchObject({ key: 'state.fencedUnlocked', params: {} });
    const error = await refusal(db.transaction((tx) => assertGeneration(tx, 0)));
    expect(error).toMatchObject({ key: 'state.fencedUnlocked' });
  });

  it('a clean release forgets the last check, but only the release of the current holder', async () => {
    await raise();
    await checkGeneration(db, db.dialect, 1, T0 + 3);
    await raise();
    await checkGeneration(db, db.dialect, 2, T0 + 4);
    await clearChecked(db, 1);
    expect(await checkedAt()).toBe(T0 + 4);
    await clearChecked(db, 2);
    expect(await checkedAt()).toBeNull();
  });

  it('the store\'s clock is the local clock on SQLite (a parameter), PostgreSQL\'s own there (none from the host)', () => {
    expect(storeNow('sqlite', 123)).toEqual({ sql: '?', params: [123] });
    expect(storeNow('postgres', 123).params).toEqual([]);
  });
});

describe('the wait for the previous holder\'s posts still on the wire', () => {
  const inFlight = (column: 'status' | 'recall_state') => db.run(
    `INSERT INTO deliveries (key, reminder_id, room_id, body_hash, intent_at, status, at${column === 'recall_state' ? ', recall_state' : ''})
     VALUES ('k', 'r', 1, 'h', 0, ?, 0${column === 'recall_state' ? ", 'in-flight'" : ''})`, [column === 'status' ? 'in-flight' : 'sent']);
  const waitFrom = async (previous: { checkedAt: number | null; now: number }, clock = createFakeClock(previous.now), store: SqlDatabase = db) => {
    const told: number[] = [];
    await waitForPostsInFlight(store, clock, TIMINGS, previous, (ms) => told.push(ms));
    return { told, slept: clock.sleeps, endedAt: clock.now() };
  };

  it('waits until the last check is the POST timeout plus the margin old, in short sleeps, when a post is in flight', async () => {
    await inFlight('status');
    expect(await waitFrom({ checkedAt: T0 - 300, now: T0 })).toEqual({ told: [700], slept: [250, 250, 200], endedAt: T0 + 700 });
  });

  it('an in-flight recall is waited for as a post is', async () => {
    await inFlight('recall_state');
    expect((await waitFrom({ checkedAt: T0 - 999, now: T0 })).slept).toEqual([1]);
  });

  it('no wait when the last check is exactly the window old, when there was none, or when nothing is in flight', async () => {
    await inFlight('status');
    expect(await waitFrom({ checkedAt: T0 - 1000, now: T0 })).toEqual({ told: [], slept: [], endedAt: T0 });
    expect(await waitFrom({ checkedAt: null, now: T0 })).toEqual({ told: [], slept: [], endedAt: T0 });
    await db.run("UPDATE deliveries SET status = 'sent'");
    expect(await waitFrom({ checkedAt: T0, now: T0 })).toEqual({ told: [], slept: [], endedAt: T0 });
  });

  it('a check stamped later than the store\'s now counts as now: the wait is one window, no longer', async () => {
    await inFlight('status');
    expect(await waitFrom({ checkedAt: T0 + 60_000, now: T0 })).toMatchObject({ told: [1000], endedAt: T0 + 1000 });
  });

  it('a store clock that stands still: the host clock ends the wait after two windows', async () => {
    await inFlight('status');
    // PostgreSQL's clock, stopped at T0 (a clock that does not move is one the wait must not trust forever).
    const stopped: SqlDatabase = {
      ...db, dialect: 'postgres',
      get: async <T>(sql: string, params?: (string | number | null)[]) => (sql.includes('clock_timestamp') ? { now: String(T0) } as T : db.get<T>(sql, params)),
    };
    const { told, endedAt } = await waitFrom({ checkedAt: T0, now: T0 }, createFakeClock(T0), stopped);
    expect(told).toEqual([1000]);
    expect(endedAt).toBe(T0 + 2000);
  });
});
