import { AmbiguousRequestError, AuthError } from '../../errors/index.js';
import type { RateLimiter } from '../rate-limiter.js';
import { backoffMs, type RetryPolicy } from '../retry.js';
import { apiError, bearerError, describeAnswer } from './answers.js';
import type { ChatworkApiOptions, ClientStats } from './api.js';
import { apiRequest, failureCode, networkError, sentBeforeFailing, type Answer, type BodySink, type Method } from './transport.js';

/** The client's options with every default filled in, and the stats the loop counts into. */
export type RequestLoopOptions = ChatworkApiOptions & {
  limiter: RateLimiter; retry: RetryPolicy; log: (line: string) => void; stats: ClientStats;
  /** Asked right before every write leaves (each attempt): throws when this run may no longer write. */
  writeGuard: { check?: () => Promise<void> };
};

/**
 * One API request to its end: paced by the rate limiter, retried (a GET) on a network error
 * or a 5xx, a 429 waited out, the token refreshed once after a 401.
 * `sink`: a 2xx body goes into a fresh sink (one per attempt) chunk by chunk as it arrives,
 * never held whole (a 50,000-contact list); the answer's body is then empty.
 */
export type Send = (method: Method, path: string, form?: Record<string, string>, postRoom?: number, sink?: () => BodySink) => Promise<Answer>;

type Headers = Record<string, string | string[] | undefined>;
const MAX_RATE_LIMIT_WAITS = 100;
const PER_ROOM_429 = /per room/i;

export function createSend(options: RequestLoopOptions): Send {
  const { apiUrl, tokens, clock, limiter, retry, log, stats } = options;

  return async function send(method, path, form, postRoom, sink) {
    let attempt = 1;
    let rateLimitWaits = 0;
    let refreshed = false;
    let token = await tokens.accessToken();
    for (;;) {
      await limiter.acquire(postRoom);
      if (method !== 'GET' && options.writeGuard.check) {
        // After any wait for the rate limit, as close to the bytes leaving as this loop gets.
        try {
          await options.writeGuard.check();
        } catch (error) {
          limiter.release();
          throw error;
        }
      }
      stats.requests += 1;
      let response: Answer;
      try {
        const timeoutMs = method === 'GET' ? options.timeoutMs ?? 30_000 : options.writeTimeoutMs ?? options.timeoutMs ?? 30_000;
        response = await apiRequest(`${apiUrl}${path}`, { method, token, form, timeoutMs, sink });
      } catch (error) {
        limiter.release();
        const sent = sentBeforeFailing(error);
        log(`${method} ${path} -> ${failureCode(error)}${sent ? ' (after sending)' : ''}`);
        // Only a GET is safe to repeat: a POST, PUT or DELETE that left may have been done.
        if (method !== 'GET' && sent) throw new AmbiguousRequestError(path, error);
        if (attempt >= retry.attempts) throw networkError(apiUrl, error);
        await clock.sleep(backoffMs(attempt++, retry, options.random), limiter.stopped);
        stats.retries += 1;
        continue;
      }
      limiter.release(response.headers as Headers);
      log(describeAnswer(method, path, response, limiter.snapshot(), clock.now()));
      const status = response.statusCode;
      if (status === 429) {
        stats.status429 += 1;
        if (++rateLimitWaits > MAX_RATE_LIMIT_WAITS) throw apiError(method, path, response);
        const perRoom = postRoom !== undefined && PER_ROOM_429.test(response.body);
        const waitMs = perRoom ? limiter.blockRoom(postRoom) : limiter.blockUntilReset(response.headers as Headers);
        log(`rate limited${perRoom ? ` in room ${postRoom}` : ''}: waiting ${Math.ceil(waitMs / 1000)} s`);
        continue;
      }
      if (status === 401) {
        if (refreshed) throw new AuthError('auth.tokenRejected', {}, { hint: { key: 'auth.hint.login' }, raw: bearerError(response) });
        refreshed = true;
        stats.refreshes += 1;
        token = await tokens.afterRejection(token);
        continue;
      }
      if (status >= 500) {
        // A 5xx to a POST (or an approval) may have come after the change was made: not ours to retry.
        if (method !== 'GET') throw new AmbiguousRequestError(path, apiError(method, path, response));
        if (attempt >= retry.attempts) throw apiError(method, path, response);
        await clock.sleep(backoffMs(attempt++, retry, options.random), limiter.stopped);
        stats.retries += 1;
        continue;
      }
      if (status >= 400) throw apiError(method, path, response);
      return response;
    }
  };
}
