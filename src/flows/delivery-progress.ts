import type { RateLimitSnapshot } from '../chatwork/types.js';
import type { WaitEpisode } from '../chatwork/rate-limiter.js';
import type { Deps } from '../deps/deps.js';
import { estimateMs, formatDuration } from '../delivery/estimate.js';

export interface Progress {
  update(done: number, failed: number): void;
  /** The rate limit holds the run (an episode started or reached further): said, with a countdown on a terminal. */
  waiting(waitMs: number, episode: WaitEpisode): void;
  finish(): void;
}

const PLAIN_EVERY_MS = 60_000;
/** In a log, a hold this long gets its reason; shorter waits are part of the pace. */
const WAIT_WORTH_A_LINE_MS = 5_000;

/**
 * On a terminal, a line redrawn in place with done/total and an ETA from the rate budget. Off
 * one (cron, a log shipper), a plain progress line once a minute and at the end, and one line per
 * rate-limit hold of 5 s or more (however many requests wait in it), so the log tells the story.
 */
export function createProgress(deps: Deps, total: number, limits: () => RateLimitSnapshot): Progress {
  const { io, t, clock, env } = deps;
  let lastPlain = clock.now();
  let lastDraw = 0;
  let current = { done: 0, failed: 0 };
  let announced: number | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const stopTicker = () => { if (ticker) clearInterval(ticker); ticker = undefined; };
  const etaMs = (done: number) => estimateMs(total - done, limits(), clock.now());
  const line = (done: number, failed: number) => t('send.progress', { done, total, failed, eta: formatDuration(etaMs(done), env.lang) });
  const secondsLeft = (until: number) => Math.max(1, Math.ceil((until - clock.now()) / 1000));
  const waitLine = (until: number) => t('send.waitingRateLimit', { seconds: secondsLeft(until) });
  const plain = () => {
    lastPlain = clock.now();
    const { done, failed } = current;
    io.event({ level: 'info', event: 'progress', message: line(done, failed), fields: { done, total, failed, etaMs: etaMs(done) } });
  };
  const plainIfDue = () => { if (clock.now() - lastPlain >= PLAIN_EVERY_MS) plain(); };
  return {
    waiting(_waitMs, episode) {
      if (io.stderrIsTTY) {
        stopTicker();
        const draw = () => {
          if (clock.now() >= episode.until) return stopTicker();
          io.rewrite(`${line(current.done, current.failed)}  ${waitLine(episode.until)}`);
        };
        draw();
        ticker = setInterval(draw, 1000);
        ticker.unref();
        return;
      }
      plainIfDue();
      if (announced === episode.id || episode.until - episode.startedAt < WAIT_WORTH_A_LINE_MS) return;
      announced = episode.id;
      io.event({
        level: 'info', event: 'ratelimit.wait', message: waitLine(episode.until),
        fields: { waitMs: Math.max(0, episode.until - clock.now()), until: deps.time.iso(episode.until), scope: episode.scope },
      });
    },
    update(done, failed) {
      current = { done, failed };
      stopTicker();
      const now = clock.now();
      if (io.stderrIsTTY) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        io.rewrite(line(done, failed));
      } else plainIfDue();
    },
    finish() {
      stopTicker();
      if (io.stderrIsTTY) io.rewrite('');
      else if (total > 0) plain();
    },
  };
}
