import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

describe('rate limiter: the margin after a room\'s window', () => {
  it('a post one window after the oldest of a full room still waits out the margin, to the millisecond', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 2, windowMs: 1_000 }, resetMarginMs: 100 });
    await limiter.acquire(3);
    await limiter.acquire(3);
    clock.advance(1_000);
    await limiter.acquire(3);
    expect(clock.sleeps).toEqual([100]);
  });

  it('a post inside the margin waits only what is left of it', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock, { roomPostLimit: { posts: 2, windowMs: 1_000 }, resetMarginMs: 100 });
    await limiter.acquire(3);
    clock.advance(30);
    await limiter.acquire(3);
    // The oldest post (T0) leaves the window at T0 + 1,100; now is T0 + 1,070.
    clock.advance(1_040);
    await limiter.acquire(3);
    expect(clock.sleeps).toEqual([30]);
    // Past the margin of the oldest, the next post waits for the second one's (T0 + 30 + 1,100).
    await limiter.acquire(3);
    expect(clock.sleeps).toEqual([30, 30]);
  });
});
