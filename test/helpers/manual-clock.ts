import type { Clock } from '../../src/io/clock.js';

/**
 * A clock that moves only when the test says so: sleeps end when advance() passes their end,
 * so that several waiters can be asleep at once (a fake clock that jumps on each sleep never
 * has two).
 */
export function createManualClock(start = Date.UTC(2026, 11, 5, 0, 0, 0)): Clock & { advance(ms: number): Promise<void>; sleeping(): number } {
  let now = start;
  const sleepers = new Set<{ at: number; resolve(): void }>();
  return {
    now: () => now,
    sleeping: () => sleepers.size,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { at: now + Math.max(0, ms), resolve: () => { sleepers.delete(entry); resolve(); } };
        sleepers.add(entry);
        signal?.addEventListener('abort', () => { sleepers.delete(entry); reject(signal.reason); }, { once: true });
      });
    },
    async advance(ms) {
      now += ms;
      for (const entry of [...sleepers]) if (entry.at <= now) entry.resolve();
      // Let every woken waiter run until it sleeps again or goes on.
      for (let i = 0; i < 20; i += 1) await Promise.resolve();
    },
  };
}
