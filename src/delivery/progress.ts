import type { RateLimitSnapshot } from '../chatwork/types.js';
import type { Deps } from '../deps.js';
import { estimateMs, formatDuration } from './estimate.js';

export interface Progress { update(done: number, failed: number): void; finish(): void }

const PLAIN_EVERY_MS = 60_000;

/**
 * On a terminal, a line redrawn in place with done/total and an ETA from the rate
 * budget. Off one (cron), a plain line at most once a minute, so the log tells the story.
 */
export function createProgress(deps: Deps, total: number, limits: () => RateLimitSnapshot): Progress {
  const { io, t, clock, env } = deps;
  let lastPlain = clock.now();
  let lastDraw = 0;
  const line = (done: number, failed: number) => {
    const eta = estimateMs(total - done, limits(), clock.now());
    return t('send.progress', { done, total, failed, eta: formatDuration(eta, env.lang) });
  };
  return {
    update(done, failed) {
      const now = clock.now();
      if (io.stderrIsTTY) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        io.rewrite(line(done, failed));
      } else if (now - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now;
        io.err(line(done, failed));
      }
    },
    finish() {
      if (io.stderrIsTTY) io.rewrite('');
    },
  };
}
