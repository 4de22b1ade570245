import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const answer = (limit: number, remaining: number, resetSeconds: number) => ({
  'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetSeconds),
});

describe('rate limiter across a window boundary', () => {
  it('a late answer from a window that has ended does not refill the budget a second time', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    const reset1 = Math.floor(clock.now() / 1000) + 10;
    // Window 1 (limit 5): four requests, three answered with the budget spent; one still in flight.
    for (let i = 0; i < 4; i++) await limiter.acquire();
    for (let i = 0; i < 3; i++) limiter.release(answer(5, 0, reset1));
    // Window 2: two requests, answered with window 2's numbers.
    clock.advance(10_001);
    await limiter.acquire();
    await limiter.acquire();
    limiter.release(answer(5, 3, reset1 + 10));
    limiter.release(answer(5, 3, reset1 + 10));
    expect(limiter.snapshot().remaining).toBe(2); // 3 left, less the one still in flight
    // The request of window 1 answers now, with window 1's numbers: they no longer hold.
    limiter.release(answer(5, 0, reset1));
    expect(limiter.snapshot().resetAt).toBe((reset1 + 10) * 1000);
    await limiter.acquire();
    // Without the fix, window 1's reset (passed) would refill the budget to 5 here.
    expect(limiter.snapshot().remaining).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('an earlier answer arriving after a later one of the same window does not raise the budget', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    const reset = Math.floor(clock.now() / 1000) + 10;
    await limiter.acquire();
    limiter.release(answer(10, 9, reset));
    // Three requests in flight; the server counts them in order (8, 7, 6 left) and the answers
    // come back last first.
    for (let i = 0; i < 3; i++) await limiter.acquire();
    limiter.release(answer(10, 6, reset));
    limiter.release(answer(10, 7, reset));
    limiter.release(answer(10, 8, reset));
    expect(limiter.snapshot().remaining).toBe(6);
    // Spend the six: the seventh waits for the reset instead of provoking a 429.
    for (let i = 0; i < 6; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([reset * 1000 - before]);
  });

  it('an answer from the next window, arriving before our clock has turned, takes the numbers of the new window', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    const reset = Math.floor(clock.now() / 1000) + 10;
    await limiter.acquire();
    limiter.release(answer(10, 0, reset)); // window 1 spent
    // The server has turned already (its clock runs ahead of ours): the next window's first answer.
    limiter.release(answer(10, 9, reset + 10));
    expect(limiter.snapshot()).toMatchObject({ remaining: 9, resetAt: (reset + 10) * 1000 });
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('without x-ratelimit-reset the remaining of each answer is taken as told: windows cannot be told apart', () => {
    const limiter = new RateLimiter(createFakeClock());
    limiter.release({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3' });
    limiter.release({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '8' });
    expect(limiter.snapshot().remaining).toBe(8);
  });

  it('an answer that told no remaining, then one that does, in the same window: the one that does counts', () => {
    const limiter = new RateLimiter(createFakeClock());
    const reset = Math.floor(Date.now() / 1000) + 10;
    limiter.release({ 'x-ratelimit-limit': '10', 'x-ratelimit-reset': String(reset) });
    limiter.release(answer(10, 7, reset));
    expect(limiter.snapshot().remaining).toBe(7);
  });

  it('after a 429, an answer of the same window still in flight does not reopen the budget', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    const reset = Math.floor(clock.now() / 1000) + 10;
    limiter.release(answer(10, 6, reset - 10)); // an earlier window
    await limiter.acquire();
    await limiter.acquire();
    // Another client spent the window: a 429 names its reset, then our other request's answer comes back.
    limiter.release();
    limiter.blockUntilReset(answer(10, 0, reset));
    limiter.release(answer(10, 4, reset));
    expect(limiter.snapshot().remaining).toBe(0);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([reset * 1000 - before]);
  });

  it('a 429 without a reset header, then an answer that tells the budget: the answer counts', () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    limiter.blockUntilReset({}, 5_000);
    limiter.release({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '4' });
    expect(limiter.snapshot().remaining).toBe(4);
  });

  it('a 429 without a reset header stays in the window it came in: a late answer of that window does not reopen the budget', async () => {
    const clock = createFakeClock();
    const limiter = new RateLimiter(clock, { resetMarginMs: 0 });
    const reset = Math.floor(clock.now() / 1000) + 10;
    limiter.release(answer(10, 6, reset));
    await limiter.acquire();
    await limiter.acquire();
    limiter.release();
    limiter.blockUntilReset({}, 5_000);
    limiter.release(answer(10, 4, reset));
    expect(limiter.snapshot().remaining).toBe(0);
  });
});
