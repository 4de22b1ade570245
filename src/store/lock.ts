import { open, readFile, unlink, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { fileSystemError, LockedError } from '../errors/index.js';
import type { Clock } from '../io/clock.js';

export interface LockOwner { pid: number; host: string; since: string }
export interface Lock { readonly path: string; release(): Promise<void> }

/**
 * A lock file created with O_EXCL and holding the owner's pid. A lock whose process is
 * gone (same host, pid no longer alive) is taken over at once, so a run killed with
 * SIGKILL does not block the next cron run. We wrote this rather than use
 * proper-lockfile because that one detects staleness by mtime, which would make the
 * next run wait out a staleness period after every crash.
 */
export async function acquireLock(
  path: string,
  options: { clock: Clock; waitMs?: number; pollMs?: number },
): Promise<Lock> {
  const { clock, waitMs = 0, pollMs = 50 } = options;
  const deadline = clock.now() + waitMs;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (;;) {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date(clock.now()).toISOString() };
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { path, release: () => releaseIfOurs(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = await readLockOwner(path);
    if (current === undefined || isDead(current)) {
      // Another waiter may take it over at the same moment; O_EXCL decides who wins.
      await unlink(path).catch(() => {});
      continue;
    }
    if (clock.now() >= deadline) {
      throw new LockedError(waitMs > 0 ? 'error.lockTimeout' : 'error.locked', {
        path, pid: current.pid, since: current.since, seconds: Math.round(waitMs / 1000),
      });
    }
    await clock.sleep(pollMs);
  }
}

export async function readLockOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, host: String(parsed.host ?? ''), since: String(parsed.since ?? '') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pid: -1, host: '', since: '' };
    // Empty or half-written: its owner is between open() and write(), or died there.
    // Only an old one is taken to be abandoned.
    const info = await stat(path).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs > HALF_WRITTEN_GRACE_MS) return undefined;
    return { pid: 0, host: hostname(), since: info.mtime.toISOString() };
  }
}

const HALF_WRITTEN_GRACE_MS = 5_000;

/** Only a lock of this host can be judged; a lock of another host is kept. */
export function isDead(owner: LockOwner): boolean {
  if (owner.pid === -1) return true;
  if (owner.pid === 0) return false;
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function releaseIfOurs(path: string): Promise<void> {
  const owner = await readLockOwner(path);
  if (owner && owner.pid === process.pid && owner.host === hostname()) await unlink(path).catch(() => {});
}

/** Runs fn under a lock file, waiting up to waitMs for another holder. */
export async function withFileLock<T>(path: string, clock: Clock, waitMs: number, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(path, { clock, waitMs }).catch((error: unknown) => { throw fileSystemError(error, path); });
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
