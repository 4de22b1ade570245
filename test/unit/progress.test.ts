import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps/deps.js';
import { createProgress } from '../../src/flows/delivery-progress.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { RateLimiter, type WaitEpisode } from '../../src/chatwork/rate-limiter.js';
import type { LogEntry } from '../../src/logging/logger.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { createManualClock } from '../helpers/manual-clock.js';

function fakeDeps(tty: boolean) {
  const lines: string[] = [];
  const events: LogEntry[] = [];
  const clock = createFakeClock();
  const io = {
    stderrIsTTY: tty,
    err: (line: string) => lines.push(line),
    event: (entry: LogEntry) => { events.push(entry); if (entry.message !== undefined) lines.push(entry.message); },
    rewrite: (line: string) => lines.push(`\r${line}`),
  };
  const time = { iso: (ms: number) => new Date(ms).toISOString() };
  const deps = { io, t: createTranslator('ja'), clock, env: { lang: 'ja' }, time } as unknown as Deps;
  return { deps, lines, events, clock };
}

const episode = (id: number, startedAt: number, lengthMs: number): WaitEpisode => ({ id, startedAt, until: startedAt + lengthMs, scope: 'account' });

describe('progress says why it stands still', () => {
  it('waiting for the rate limit: レート制限の回復待ち（あと 8 秒）, on a terminal and in a log', () => {
    const terminal = fakeDeps(true);
    const progress = createProgress(terminal.deps, 10, () => ({}));
    progress.update(2, 0);
    progress.waiting(8_000, episode(1, terminal.clock.now(), 8_000));
    expect(terminal.lines.at(-1)).toContain('レート制限の回復待ち（あと8秒）');
    expect(terminal.lines.at(-1)).toContain('2/10');
    progress.finish();

    const log = fakeDeps(false);
    const cron = createProgress(log.deps, 10, () => ({}));
    const now = log.clock.now();
    cron.waiting(1_000, episode(1, now, 1_000)); // part of the pace: not worth a line
    cron.waiting(12_000, episode(2, now, 12_000));
    expect(log.lines).toEqual(['レート制限の回復待ち（あと12秒）']);
    expect(log.events[0]).toMatchObject({ event: 'ratelimit.wait', level: 'info', fields: { waitMs: 12_000, scope: 'account' } });
  });

  it('one line per wait episode: an episode told of again (more waiters, reaching further) is not a second line', () => {
    const log = fakeDeps(false);
    const cron = createProgress(log.deps, 10, () => ({}));
    const now = log.clock.now();
    cron.waiting(12_000, episode(1, now, 12_000));
    cron.waiting(12_000, episode(1, now, 12_500));
    cron.waiting(12_000, episode(1, now, 24_000));
    // An episode that starts short and reaches 5 s is worth its line once it does.
    cron.waiting(2_000, episode(2, now + 30_000, 2_000));
    expect(log.lines).toHaveLength(1);
    cron.waiting(2_000, episode(2, now + 30_000, 6_000));
    cron.waiting(2_000, episode(2, now + 30_000, 9_000));
    expect(log.events.filter((e) => e.event === 'ratelimit.wait')).toHaveLength(2);
  });

  it('off a terminal: a progress line once a minute and one at the end', () => {
    const log = fakeDeps(false);
    const cron = createProgress(log.deps, 3, () => ({}));
    cron.update(1, 0);
    log.clock.advance(59_000);
    cron.update(2, 1);
    expect(log.events).toEqual([]);
    log.clock.advance(2_000);
    cron.update(3, 1);
    expect(log.lines).toEqual(['進捗: 3/3件完了、失敗1件、残り1分未満']);
    cron.finish();
    expect(log.events.map((e) => e.event)).toEqual(['progress', 'progress']);
    expect(log.events[1]!.fields).toMatchObject({ done: 3, total: 3, failed: 1 });
    // A run with nothing to send says nothing.
    const idle = fakeDeps(false);
    createProgress(idle.deps, 0, () => ({})).finish();
    expect(idle.lines).toEqual([]);
  });

  it('a long hold with nothing delivered still gets its minute line when the next wait is told', () => {
    const log = fakeDeps(false);
    const cron = createProgress(log.deps, 10, () => ({}));
    log.clock.advance(61_000);
    cron.waiting(1_000, episode(1, log.clock.now(), 1_000));
    expect(log.events.map((e) => e.event)).toEqual(['progress']);
  });
});

describe('the rate limiter tells of wait episodes, not of waiters', () => {
  it('tells before it waits', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 1, windowMs: 10_000 } });
    const waits: number[] = [];
    limiter.onWait = (ms) => waits.push(ms);
    await limiter.acquire(1);
    limiter.release();
    await limiter.acquire(1);
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(9_000);
  });

  it('four requests held by the spent budget are one episode, told once; the next hold is a new one', async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter(clock);
    const told: WaitEpisode[] = [];
    limiter.onWait = (_ms, e) => told.push(e);
    const spent = (resetInMs: number) => ({ 'x-ratelimit-limit': '4', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((clock.now() + resetInMs) / 1000) });
    await limiter.acquire();
    limiter.release(spent(20_000));
    const through: number[] = [];
    // The four workers meet the limit one after another, as their requests in flight come back.
    const waiters: Promise<void>[] = [];
    for (const n of [1, 2, 3, 4]) {
      waiters.push(limiter.acquire().then(() => { through.push(n); }));
      await clock.advance(1_000);
    }
    expect(clock.sleeping()).toBe(4);
    expect(told).toHaveLength(1);
    expect(told[0]!.until - told[0]!.startedAt).toBeGreaterThan(19_000);
    await clock.advance(17_200);
    await Promise.all(waiters);
    expect(through).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < 4; i += 1) limiter.release(spent(30_000));
    const next = limiter.acquire();
    await clock.advance(0);
    expect(told.map((e) => e.id)).toEqual([1, 2]);
    await clock.advance(30_200);
    await next;
  });

  it('a hold that outlasts the first wait reaches further in the same episode; a request let through ends it', async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 1, windowMs: 10_000 } });
    const told: WaitEpisode[] = [];
    limiter.onWait = (_ms, e) => told.push(e);
    await limiter.acquire(1);
    limiter.release();
    const first = limiter.acquire(1);
    await clock.advance(0);
    // A post to another room goes through meanwhile: the run is not held, whatever room 1 waits for.
    await limiter.acquire(2);
    limiter.release();
    const second = limiter.acquire(1);
    await clock.advance(0);
    expect(told.map((e) => e.id)).toEqual([1, 2]);
    await clock.advance(10_200);
    await first;
    await clock.advance(10_200);
    await second;
  });
});
