import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, LockedError } from '../../src/errors/index.js';
import { acquireLock, readLockOwner } from '../../src/store/lock.js';
import { systemClock, type Clock } from '../../src/io/clock.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'hmcw-lock-')), 'run.lock');

describe('process lock', () => {
  it('lets one holder in and tells the second who holds it (exit 5)', async () => {
    const path = lockPath();
    const lock = await acquireLock(path, { clock: systemClock });
    const error = await acquireLock(path, { clock: systemClock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).exitCode).toBe(ExitCode.locked);
    expect((error as LockedError).message).toContain(`pid ${process.pid}`);
    await lock.release();
    expect(existsSync(path)).toBe(false);
    await (await acquireLock(path, { clock: systemClock })).release();
  });

  it('takes over at once a lock left by a process that is gone', async () => {
    const path = lockPath();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const clock = createFakeClock();
    // No waiting allowed: a lock that was not taken over at once would be a LockedError.
    const lock = await acquireLock(path, { clock });
    expect(clock.sleeps).toEqual([]);
    expect(await readLockOwner(path)).toEqual({ pid: process.pid, host: hostname(), since: new Date(clock.now()).toISOString() });
    await lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live holder when asked to, and gets the lock only once it is released', async () => {
    const path = lockPath();
    const first = await acquireLock(path, { clock: systemClock });
    const events: string[] = [];
    // The holder lets go after the waiter has polled three times: ordered by events, not by time.
    const clock = createFakeClock();
    const polling: Clock = {
      now: clock.now,
      async sleep(ms) {
        events.push('poll');
        await clock.sleep(ms);
        if (events.length === 3) {
          await first.release();
          events.push('released');
        }
      },
    };
    const second = await acquireLock(path, { clock: polling, waitMs: 60_000, pollMs: 50 });
    events.push('acquired');
    expect(events).toEqual(['poll', 'poll', 'poll', 'released', 'acquired']);
    expect(clock.sleeps).toEqual([50, 50, 50]);
    expect((await readLockOwner(path))?.pid).toBe(process.pid);
    await second.release();
    expect(existsSync(path)).toBe(false);
  });

  it('never takes a live lock: it waits its time, then names the holder, and leaves the lock as it was', async () => {
    const path = lockPath();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const owner = JSON.stringify({ pid: holder.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' });
      writeFileSync(path, owner);
      const clock = createFakeClock();
      const error = await acquireLock(path, { clock, waitMs: 1_000, pollMs: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).key).toBe('error.lockTimeout');
      expect((error as LockedError).message).toContain(`pid ${holder.pid}`);
      expect(clock.sleeps).toEqual(Array(10).fill(100));
      expect(readFileSync(path, 'utf8')).toBe(owner);
      // Without waiting: refused at once.
      const now = await acquireLock(path, { clock: createFakeClock() }).catch((e: unknown) => e);
      expect((now as LockedError).key).toBe('error.locked');
      expect(readFileSync(path, 'utf8')).toBe(owner);
    } finally {
      holder.kill();
    }
  });

  it('keeps a lock of another host, which it cannot judge', async () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 999_999, host: 'another-host', since: '2026-01-01T00:00:00.000Z' }));
    await expect(acquireLock(path, { clock: createFakeClock() })).rejects.toBeInstanceOf(LockedError);
  });

  it('release leaves alone a lock that is no longer ours', async () => {
    const path = lockPath();
    const lock = await acquireLock(path, { clock: systemClock });
    const other = JSON.stringify({ pid: 1, host: hostname(), since: '2026-01-01T00:00:00.000Z' });
    writeFileSync(path, other);
    await lock.release();
    expect(readFileSync(path, 'utf8')).toBe(other);
  });

  it('does not steal a lock that its owner is still writing', async () => {
    const path = lockPath();
    writeFileSync(path, ''); // created, not yet written: a live owner between open() and write()
    await expect(acquireLock(path, { clock: systemClock })).rejects.toBeInstanceOf(LockedError);
  });
});
