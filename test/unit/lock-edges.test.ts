import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockedError } from '../../src/errors/index.js';
import { acquireLock, isDead, readLockOwner } from '../../src/store/lock.js';
import { isStale, STALE_AFTER_MS } from '../../src/store/run-lock.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/** What kill(pid, 0) answers for a process of another user (EPERM) or for none (ESRCH). */
const killAnswers = (code: 'EPERM' | 'ESRCH' | 'EINVAL') =>
  vi.spyOn(process, 'kill').mockImplementation(() => { throw Object.assign(new Error(code), { code }); });

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('is the holder of a lock alive? what kill(pid, 0) says', () => {
  const here = { pid: 4242, host: hostname(), since: '' };

  it('the process lock: a process we may not signal (of another user) is alive; only one that is not there is dead', () => {
    killAnswers('EPERM');
    expect(isDead(here)).toBe(false);
    killAnswers('EINVAL');
    expect(isDead(here)).toBe(false);
    killAnswers('ESRCH');
    expect(isDead(here)).toBe(true);
  });

  it('the run lock: the same, judged from its row', () => {
    const row = { host: hostname(), pid: 4242, since: 0, heartbeat: Date.now() };
    killAnswers('EPERM');
    expect(isStale(row, Date.now())).toBe(false);
    killAnswers('ESRCH');
    expect(isStale(row, Date.now())).toBe(true);
    killAnswers('EINVAL');
    expect(isStale(row, Date.now())).toBe(true);
    expect(isStale({ ...row, heartbeat: Date.now() - STALE_AFTER_MS - 1 }, Date.now())).toBe(true);
  });
});

describe('a half-written lock file', () => {
  it('has an owner for five seconds, and is abandoned after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-lockfile-'));
    try {
      const path = join(dir, 'token.lock');
      writeFileSync(path, '{"pi');
      const now = Date.UTC(2026, 11, 2, 6, 0, 0);
      vi.useFakeTimers({ now, toFake: ['Date'] });
      utimesSync(path, (now - 5_000) / 1000, (now - 5_000) / 1000);
      expect(await readLockOwner(path)).toMatchObject({ pid: 0, host: hostname() });
      utimesSync(path, (now - 5_001) / 1000, (now - 5_001) / 1000);
      expect(await readLockOwner(path)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a lock file that names only its pid', () => {
  it('is another host\'s: kept, and the refusal names its pid and no start time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-lockfile-'));
    try {
      const path = join(dir, 'token.lock');
      writeFileSync(path, JSON.stringify({ pid: 4242 }));
      const error = await acquireLock(path, { clock: createFakeClock() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).key).toBe('error.locked');
      expect((error as LockedError).params).toEqual({ path, pid: 4242, since: '', seconds: 0 });
      expect(readFileSync(path, 'utf8')).toBe('{"pid":4242}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
