import type { Clock } from '../../src/io/clock.js';

/**
 * Virtual time shared by the CLI and the sandbox in one process: a sleep ends when it is the
 * earliest one pending and everything runnable has run (setImmediate after the sleep was asked
 * for), and time jumps to its end. Waits of minutes take no wall-clock time, and their order is
 * the order of their ends; nothing races the machine's speed.
 */
export function createAutoClock(start = Date.now()): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  const pending = new Set<{ at: number; done(): void }>();
  let scheduled = false;
  const wakeEarliest = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const at = Math.min(...[...pending].map((p) => p.at));
    now = Math.max(now, at);
    for (const entry of [...pending]) if (entry.at <= now) entry.done();
    schedule();
  };
  const schedule = () => {
    if (scheduled || pending.size === 0) return;
    scheduled = true;
    setImmediate(wakeEarliest);
  };
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { at: now + Math.max(0, ms), done: () => { pending.delete(entry); resolve(); } };
        pending.add(entry);
        signal?.addEventListener('abort', () => { pending.delete(entry); reject(signal.reason); }, { once: true });
        schedule();
      });
    },
  };
}
