import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { createProgress } from '../../src/delivery/progress.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { createFakeClock } from '../helpers/fake-clock.js';

function fakeDeps(tty: boolean) {
  const lines: string[] = [];
  const clock = createFakeClock();
  const io = { stderrIsTTY: tty, err: (line: string) => lines.push(line), rewrite: (line: string) => lines.push(`\r${line}`) };
  const deps = { io, t: createTranslator('ja'), clock, env: { lang: 'ja' } } as unknown as Deps;
  return { deps, lines, clock };
}

describe('progress says why it stands still', () => {
  it('waiting for the rate limit: レート制限の回復待ち（あと 8 秒）, on a terminal and in a log', () => {
    const terminal = fakeDeps(true);
    const progress = createProgress(terminal.deps, 10, () => ({}));
    progress.update(2, 0);
    progress.waiting(8_000);
    expect(terminal.lines.at(-1)).toContain('レート制限の回復待ち（あと 8 秒）');
    expect(terminal.lines.at(-1)).toContain('2/10');
    progress.finish();

    const log = fakeDeps(false);
    const cron = createProgress(log.deps, 10, () => ({}));
    cron.waiting(1_000); // part of the pace: not worth a line
    cron.waiting(12_000);
    expect(log.lines).toEqual(['レート制限の回復待ち（あと 12 秒）']);
  });

  it('the rate limiter tells before it waits', async () => {
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
});
