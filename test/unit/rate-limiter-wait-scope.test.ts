import { describe, expect, it } from 'vitest';
import { RateLimiter, type WaitEpisode } from '../../src/chatwork/rate-limiter.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const spent = (limit: number, resetS: number) =>
  ({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetS) });

/** A limiter that lets one post per second into a room, and records what it tells of each wait. */
function limiter() {
  const clock = createFakeClock(T0);
  const rate = new RateLimiter(clock, { roomPostLimit: { posts: 1, windowMs: 1_000 }, resetMarginMs: 0 });
  const told: { waitMs: number; scope: WaitEpisode['scope'] }[] = [];
  rate.onWait = (waitMs, episode) => { told.push({ waitMs, scope: episode.scope }); };
  return { clock, rate, told };
}

describe('rate limiter: which limit a wait is told of', () => {
  it('a room full of our posts, with budget to spare, is the room\'s limit', async () => {
    const { rate, told } = limiter();
    await rate.acquire(5);
    await rate.acquire(5);
    expect(told).toEqual([{ waitMs: 1_000, scope: 'room' }]);
  });

  it('a spent budget is the account\'s limit, also for a post whose room would wait less', async () => {
    const { rate, told } = limiter();
    await rate.acquire(5);
    rate.release(spent(10, T0 / 1000 + 5));
    await rate.acquire(5);
    expect(told).toEqual([{ waitMs: 5_000, scope: 'account' }]);
  });

  it('a room that would wait longer than the spent budget is the room\'s limit', async () => {
    const { clock, rate, told } = limiter();
    clock.advance(500);
    await rate.acquire(5);
    // The budget is back at T0 + 1 s, in 500 ms; the room's one post leaves its window in 1 s.
    rate.release(spent(10, T0 / 1000 + 1));
    await rate.acquire(5);
    expect(told).toEqual([{ waitMs: 1_000, scope: 'room' }]);
  });

  it('when the budget and the room end at the same moment, it is the account\'s limit: it holds every request, not only this room\'s', async () => {
    const { rate, told } = limiter();
    await rate.acquire(5);
    rate.release(spent(10, T0 / 1000 + 1));
    await rate.acquire(5);
    expect(told).toEqual([{ waitMs: 1_000, scope: 'account' }]);
  });
});
