import type { RateLimitSnapshot } from '../chatwork/types.js';
import type { Deps } from '../deps.js';
import { estimateMs, formatDuration } from './estimate.js';

export interface Progress {
  update(done: number, failed: number): void;
  /** The rate limit holds the next request for this long: said, with a countdown on a terminal. */
  waiting(waitMs: number): void;
  finish(): void;
}

const PLAIN_EVERY_MS = 60_000;

/**
 * On a terminal, a line redrawn in place with done/total and an ETA from the rate
 * budget. Off one (cron), a plain line at most once a minute, so the log tells the story.
 */
export function createProgress(deps: Deps, total: number, limits: () => RateLimitSnapshot): Progress {
  const { io, t, clock, env } = deps;
  let lastPlain = clock.now();
  let lastDraw = 0;
  let current = { done: 0, failed: 0 };
  let ticker: NodeJS.Timeout | undefined;
  const stopTicker = () => { if (ticker) clearInterval(ticker); ticker = undefined; };
  const line = (done: number, failed: number) => {
    const eta = estimateMs(total - done, limits(), clock.now());
    return t('send.progress', { done, total, failed, eta: formatDuration(eta, env.lang) });
  };
  const waitLine = (until: number) => t('send.waitingRateLimit', { seconds: Math.max(1, Math.ceil((until - clock.now()) / 1000)) });
  return {
    waiting(waitMs) {
      const until = clock.now() + waitMs;
      if (io.stderrIsTTY) {
        stopTicker();
        const draw = () => {
          if (clock.now() >= until) return stopTicker();
          io.rewrite(`${line(current.done, current.failed)}  ${waitLine(until)}`);
        };
        draw();
        ticker = setInterval(draw, 1000);
        ticker.unref();
      } else if (waitMs >= 5_000) {
        // In a log, a long silence gets its reason; short waits are part of the pace.
        io.err(waitLine(until));
      }
    },
    update(done, failed) {
      current = { done, failed };
      stopTicker();
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
      stopTicker();
      if (io.stderrIsTTY) io.rewrite('');
    },
  };
}
