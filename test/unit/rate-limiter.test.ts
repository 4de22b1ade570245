import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const headers = (limit: number, remaining: number, resetS: number, extra: Record<string, string> = {}) =>
  ({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetS), ...extra });

describe('rate limiter: the global budget', () => {
  it('subtracts requests still in flight from what the server says remains', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock);
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    // The answer to the first: the server had not counted the two others yet.
    limiter.release(headers(300, 50, T0 / 1000 + 300));
    expect(limiter.snapshot().remaining).toBe(48);
    limiter.release(); // no answer: one fewer in flight, the budget as it was
    expect(limiter.snapshot().remaining).toBe(48);
    limiter.release(headers(300, 40, T0 / 1000 + 300));
    expect(limiter.snapshot()).toEqual({ limit: 300, remaining: 40, resetAt: T0 + 300_000 + 100, windowMs: undefined });
    limiter.release(); // more releases than acquires never make the count negative
    await limiter.acquire();
    limiter.release(headers(300, 30, T0 / 1000 + 300));
    expect(limiter.snapshot().remaining).toBe(30);
  });

  it('counts each request it lets through against the budget before any answer', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock);
    await limiter.acquire();
    limiter.release(headers(300, 2, T0 / 1000 + 60));
    await limiter.acquire();
    await limiter.acquire();
    expect(limiter.snapshot().remaining).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits for the reset (plus its margin) when the budget is spent, then allows the limit less what is in flight', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 250 });
    await limiter.acquire();
    await limiter.acquire();
    limiter.release(headers(5, 0, T0 / 1000 + 30));
    await limiter.acquire();
    expect(clock.sleeps).toEqual([30_250]);
    expect(limiter.waitedMs).toBe(30_250);
    // A new window: 5 allowed, one still in flight from before the wait, one just taken.
    expect(limiter.snapshot()).toMatchObject({ remaining: 3, resetAt: undefined });
  });

  it('in a new window with everything still in flight, pauses shortly before sending', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    await limiter.acquire();
    await limiter.acquire();
    limiter.release(headers(1, 0, T0 / 1000 + 1));
    clock.advance(1_000);
    await limiter.acquire();
    // One still in flight and a limit of one: the new window's budget is spent before it starts.
    expect(clock.sleeps).toEqual([10]);
    expect(limiter.snapshot().remaining).toBe(-1);
  });

  it('learns the window length from the first answer of a fresh window', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    await limiter.acquire();
    limiter.release(headers(300, 299, T0 / 1000 + 300));
    expect(limiter.snapshot().windowMs).toBe(300_000);
    await limiter.acquire();
    limiter.release(headers(300, 100, T0 / 1000 + 10));
    expect(limiter.snapshot().windowMs).toBe(300_000);
    await limiter.acquire();
    limiter.release(headers(300, 299, T0 / 1000));
    expect(limiter.snapshot().windowMs).toBe(1_000);
  });

  it('ignores headers it cannot read, and a request with none counts as a request', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock);
    await limiter.acquire();
    limiter.release({ 'x-ratelimit-limit': 'many', 'x-ratelimit-remaining': ' ', 'x-ratelimit-reset': ['', 'x'] });
    expect(limiter.snapshot()).toEqual({ limit: undefined, remaining: undefined, resetAt: undefined, windowMs: undefined });
    await limiter.acquire();
    limiter.release({ 'x-ratelimit-limit': ['10', '20'], 'x-ratelimit-remaining': ['4'], 'x-ratelimit-reset': String(T0 / 1000 + 5) });
    expect(limiter.snapshot()).toMatchObject({ limit: 10, remaining: 4 });
  });

  it('takes the server clock into account only beyond 2 s of skew', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    await limiter.acquire();
    limiter.release(headers(300, 10, T0 / 1000 + 60, { date: new Date(T0 + 2_000).toUTCString() }));
    expect(limiter.observedSkewMs).toBe(2_000);
    expect(limiter.snapshot().resetAt).toBe(T0 + 60_000);
    await limiter.acquire();
    limiter.release(headers(300, 10, T0 / 1000 + 60, { date: new Date(T0 + 10_000).toUTCString() }));
    expect(limiter.observedSkewMs).toBe(10_000);
    // The server is 10 s ahead: its reset comes 10 s earlier on our clock.
    expect(limiter.snapshot().resetAt).toBe(T0 + 50_000);
    await limiter.acquire();
    limiter.release(headers(300, 10, T0 / 1000 + 60, { date: new Date(T0 - 3_000).toUTCString() }));
    expect(limiter.snapshot().resetAt).toBe(T0 + 63_000);
    await limiter.acquire();
    limiter.release({ date: 'not a date' });
    expect(limiter.observedSkewMs).toBe(-3_000);
    await limiter.acquire();
    limiter.release({ date: [new Date(T0).toUTCString()] });
    expect(limiter.observedSkewMs).toBe(0);
  });

  it('after a 429, sends nothing until the reset given, or a minute without one', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 100 });
    expect(limiter.blockUntilReset({ 'x-ratelimit-reset': String(T0 / 1000 + 20) })).toBe(20_100);
    expect(limiter.snapshot().remaining).toBe(0);
    expect(limiter.blockUntilReset({}, 7_000)).toBe(7_000);
    expect(limiter.blockUntilReset({})).toBe(60_000);
    // A reset already past still waits the margin.
    expect(limiter.blockUntilReset({ 'x-ratelimit-reset': String(T0 / 1000 - 5) })).toBe(100);
    limiter.blockUntilReset({ 'x-ratelimit-reset': String(T0 / 1000 + 20) });
    await limiter.acquire();
    expect(clock.sleeps).toEqual([20_100]);
  });

  it('ends every wait at once when stopped, and lets nothing more through', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock);
    const reason = new Error('SIGTERM');
    limiter.stop(reason);
    expect(limiter.stopped.aborted).toBe(true);
    await expect(limiter.acquire()).rejects.toBe(reason);
  });
});

describe('rate limiter: posts per room', () => {
  it('lets 10 posts into a room per 10 s, then waits for the oldest to leave the window', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { resetMarginMs: 100 });
    for (let i = 0; i < 10; i++) {
      await limiter.acquire(7);
      clock.advance(100);
    }
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(8); // another room is not held up
    await limiter.acquire(); // nor is a request that is not a post
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(7);
    // The first post was at T0; now is T0 + 1000: it leaves the window at T0 + 10,000 + margin.
    expect(clock.sleeps).toEqual([9_100]);
  });

  it('keeps to a custom limit, and forgets posts older than the window', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 2, windowMs: 1_000 }, resetMarginMs: 0 });
    await limiter.acquire(1);
    await limiter.acquire(1);
    await limiter.acquire(1);
    expect(clock.sleeps).toEqual([1_000]);
    clock.advance(5_000);
    await limiter.acquire(1);
    await limiter.acquire(1);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('after a per-room 429, waits a whole window before posting there again', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 10, windowMs: 10_000 } });
    expect(limiter.blockRoom(3)).toBe(10_000);
    await limiter.acquire(4);
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(3);
    expect(clock.sleeps).toEqual([10_000]);
  });
});
