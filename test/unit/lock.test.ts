import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, LockedError } from '../../src/errors.js';
import { acquireLock } from '../../src/store/lock.js';
import { systemClock } from '../../src/io/clock.js';

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
    const lock = await acquireLock(path, { clock: systemClock });
    await lock.release();
  });

  it('waits for a live holder when asked to, and gets the lock once released', async () => {
    const path = lockPath();
    const first = await acquireLock(path, { clock: systemClock });
    setTimeout(() => void first.release(), 100);
    const second = await acquireLock(path, { clock: systemClock, waitMs: 5_000 });
    await second.release();
  });

  it('does not steal a lock that its owner is still writing', async () => {
    const path = lockPath();
    writeFileSync(path, ''); // created, not yet written: a live owner between open() and write()
    await expect(acquireLock(path, { clock: systemClock })).rejects.toBeInstanceOf(LockedError);
  });
});
