import type { Clock } from '../../src/io/clock.js';

/** A clock whose sleep() moves time forward at once and remembers how long it slept. */
export function createFakeClock(start = Date.UTC(2026, 10, 24, 1, 0, 0)): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) { now += ms; },
    async sleep(ms) {
      sleeps.push(ms);
      now += Math.max(0, ms);
      await Promise.resolve();
    },
  };
}
