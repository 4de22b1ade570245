import type { Clock } from '../../src/io/clock.js';

/**
 * Real time for now(), but every sleep waits until the test calls elapse(): "the time is up"
 * is an event the test causes, never a race against the machine's speed.
 */
export function createGatedClock(): Clock & { sleeps: number[]; elapse(): void } {
  const pending = new Set<() => void>();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const done = () => { pending.delete(done); resolve(); };
        pending.add(done);
        signal?.addEventListener('abort', () => { pending.delete(done); reject(signal.reason); }, { once: true });
      });
    },
    elapse() {
      for (const done of [...pending]) done();
    },
  };
}
