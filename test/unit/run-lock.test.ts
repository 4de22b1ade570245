import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, LockedError } from '../../src/errors/index.js';
import { PRODUCTION_FENCE_TIMINGS } from '../../src/store/fence-timings.js';
import { migrate } from '../../src/store/sql/migrate.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import { lockedBy, readRunLock, takeRunLockRow } from '../../src/store/sqlite/locks.js';
import { migrations } from '../../src/store/sqlite/migrations/index.js';
import { isOurs, isStale, ourselves, processStart, STALE_AFTER_MS } from '../../src/store/run-lock.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
/** The pid of a process that has ended: spawned once per file (a process start is slow). */
let dead: number | undefined;
const deadPid = () => dead ??= Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('who holds the run lock, and whether it is stale', () => {
  it('knows this process by its start time', () => {
    const me = ourselves(T0);
    expect(me).toEqual({ host: hostname(), pid: process.pid, since: T0, heartbeat: T0, processStart: processStart(process.pid) });
    expect(me.processStart).toMatch(/^\d+$/);
    expect(processStart(deadPid())).toBeUndefined();
    expect(isOurs(me)).toBe(true);
    expect(isOurs({ ...me, pid: process.pid + 1 })).toBe(false);
    expect(isOurs({ ...me, host: 'elsewhere' })).toBe(false);
  });

  it('a live process on this host is never stale, however old its heartbeat (a stopped run, a clock jump); on another host an old heartbeat is', () => {
    const me = ourselves(T0);
    expect(isStale(me, T0 + STALE_AFTER_MS)).toBe(false);
    expect(isStale(me, T0 + STALE_AFTER_MS + 1)).toBe(false);
    // The wall clock jumped a day forward (or the holder slept through it): still alive, still its lock.
    expect(isStale(me, T0 + 86_400_000)).toBe(false);
    expect(isStale({ ...me, host: 'elsewhere', pid: 1 }, T0 + STALE_AFTER_MS)).toBe(false);
    expect(isStale({ ...me, host: 'elsewhere', pid: 1 }, T0 + 1_000)).toBe(false);
    expect(isStale({ ...me, host: 'elsewhere', pid: 1 }, T0 + STALE_AFTER_MS + 1)).toBe(true);
  });

  it('on this host: a gone process, or a reused pid (another start time), is stale at once', () => {
    const me = ourselves(T0);
    expect(isStale({ ...me, pid: deadPid() }, T0)).toBe(true);
    expect(isStale({ ...me, processStart: '1' }, T0)).toBe(true);
    const { processStart: _, ...unknownStart } = me;
    expect(isStale(unknownStart, T0)).toBe(false);
  });
});

describe('the run lock row (SQLite)', () => {
  let dir: string;
  let store: Store;
  let clock: ReturnType<typeof createFakeClock>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hmcw-runlock-'));
    clock = createFakeClock(T0);
    store = await openSqliteStore(join(dir, 'state.db'), { clock, configDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const plant = (owner: { host: string; pid: number; processStart?: string | null; since: number; heartbeat: number }) => {
    const db = new DatabaseSync(join(dir, 'state.db'));
    db.prepare('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, ?, ?, ?)')
      .run(owner.host, owner.pid, owner.processStart ?? null, owner.since, owner.heartbeat);
    db.close();
  };

  it('one holder at a time: the second is refused naming the first, until it releases', async () => {
    const lock = await store.locks.acquireRun();
    expect(await store.locks.runHolder()).toEqual({ owner: ourselves(T0), stale: false });
    const error = await store.locks.acquireRun().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).params).toEqual({ host: hostname(), pid: process.pid, since: new Date(T0).toISOString() });
    await expect(store.locks.breakRun()).rejects.toBeInstanceOf(LockedError);
    await lock.release();
    expect(await store.locks.runHolder()).toBeUndefined();
    expect(await store.locks.breakRun()).toBe(false);
    const again = await store.locks.acquireRun();
    await again.release();
  });

  it('takes over a lock whose holder is gone, and only its own row is released', async () => {
    plant({ host: hostname(), pid: deadPid(), since: T0 - 1_000, heartbeat: T0 - 1_000 });
    expect((await store.locks.runHolder())?.stale).toBe(true);
    const lock = await store.locks.acquireRun();
    expect((await store.locks.runHolder())?.owner.pid).toBe(process.pid);
    await lock.release();
    expect(await store.locks.runHolder()).toBeUndefined();
  });

  it('never takes a live holder of another host, until its heartbeat is old', async () => {
    plant({ host: 'other-host', pid: 4242, since: T0, heartbeat: T0 });
    expect(await store.locks.runHolder()).toMatchObject({ owner: { host: 'other-host', pid: 4242 }, stale: false });
    await expect(store.locks.acquireRun()).rejects.toBeInstanceOf(LockedError);
    await expect(store.locks.breakRun()).rejects.toBeInstanceOf(LockedError);
    clock.advance(STALE_AFTER_MS + 1);
    expect((await store.locks.runHolder())?.stale).toBe(true);
    expect(await store.locks.breakRun()).toBe(true);
    expect(await store.locks.runHolder()).toBeUndefined();
  });

  it('a holder that lost its lock does not remove its successor', async () => {
    const lock = await store.locks.acquireRun();
    const db = new DatabaseSync(join(dir, 'state.db'));
    db.prepare("UPDATE run_lock SET host = 'successor' WHERE id = 1").run();
    db.close();
    await lock.release();
    expect((await store.locks.runHolder())?.owner.host).toBe('successor');
  });

  it('a live holder on this host keeps its lock when the clock jumps a day forward (or it slept that long): refused to take, refused to unlock without --force', async () => {
    plant({ host: hostname(), pid: process.pid, processStart: processStart(process.pid) ?? null, since: T0, heartbeat: T0 });
    clock.advance(86_400_000);
    const error = await store.locks.acquireRun().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).params).toMatchObject({ pid: process.pid });
    await expect(store.locks.breakRun()).rejects.toBeInstanceOf(LockedError);
    expect((await store.locks.runHolder())?.owner.pid).toBe(process.pid);
    // Forced: the lock row goes, and the next holder's generation is higher than any before.
    expect(await store.locks.breakRun({ force: true })).toBe(true);
    const lock = await store.locks.acquireRun();
    expect(lock.generation).toBeGreaterThanOrEqual(2);
    await lock.release();
  });

  it('our own lock is never reported stale to us', async () => {
    plant({ host: hostname(), pid: process.pid, processStart: processStart(process.pid) ?? null, since: T0 - STALE_AFTER_MS * 2, heartbeat: T0 - STALE_AFTER_MS * 2 });
    expect((await store.locks.runHolder())?.stale).toBe(false);
  });
});

describe('taking the run lock over: the wait, and a lost session', () => {
  let dir: string;
  let clock: ReturnType<typeof createFakeClock>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hmcw-takeover-'));
    clock = createFakeClock(T0);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a take-over that fails while it waits for the old holder\'s posts fails, and leaves no lock behind', async () => {
    const store = await openSqliteStore(join(dir, 'state.db'), { clock, configDir: dir });
    try {
      // The old holder checked its lock before a write, and left that intent in flight.
      const old = await store.locks.acquireRun();
      await store.deliveries.intent({ key: 'k1', roomId: 1, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: T0, generation: old.generation });
      await old.check();
      expect(await store.locks.breakRun({ force: true })).toBe(true);
      const stopped = new Error('stopped while waiting');
      const error = await store.locks.acquireRun({ onWait: () => { throw stopped; } }).catch((e: unknown) => e);
      expect(error).toBe(stopped);
      expect(await store.locks.runHolder()).toBeUndefined();
      // Its own writes never left, so the next one takes the lock without waiting.
      const waits: number[] = [];
      const next = await store.locks.acquireRun({ onWait: (ms) => waits.push(ms) });
      expect(waits).toEqual([]);
      expect((await store.locks.runHolder())?.owner.pid).toBe(process.pid);
      await next.release();
    } finally {
      await store.close();
    }
  });

  it('a lock whose session is lost fails its next check (exit 5, lockLost); until then it checks', async () => {
    const path = join(dir, 'state.db');
    const db = sqliteDatabase(new DatabaseSync(path), path);
    try {
      await migrate(db, migrations, path);
      const session = new AbortController();
      const lock = await takeRunLockRow(db, clock, PRODUCTION_FENCE_TIMINGS, { lost: session.signal });
      await lock.check();
      session.abort();
      const error = await lock.check().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).key).toBe('state.lockLost');
      expect((error as LockedError).exitCode).toBe(ExitCode.locked);
      await lock.release();
      expect(await readRunLock(db)).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('a holder that cannot be read is named with question marks, never left out', () => {
    const error = lockedBy(undefined);
    expect(error.key).toBe('state.locked');
    expect(error.exitCode).toBe(ExitCode.locked);
    expect(error.params).toEqual({ host: '?', pid: '?', since: '?' });
    expect(lockedBy({ host: 'h', pid: 7, since: T0, heartbeat: T0 }).params).toEqual({ host: 'h', pid: 7, since: new Date(T0).toISOString() });
  });
});
