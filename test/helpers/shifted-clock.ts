import { systemClock, type Clock } from '../../src/io/clock.js';

/**
 * A clock that reads as a chosen moment and then runs at real speed (sleeps are real):
 * "it is 20:00 in Tokyo" for a CLI run, while the sandbox keeps real time.
 */
export function clockAt(iso: string): Clock & { jump(to: string): void } {
  let offset = Date.parse(iso) - Date.now();
  return {
    now: () => Date.now() + offset,
    sleep: systemClock.sleep,
    jump(to) { offset = Date.parse(to) - Date.now(); },
  };
}
