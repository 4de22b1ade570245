import type { Clock } from '../io/clock.js';
import { RoomPostWindow, type RoomPostLimit } from './room-posts.js';
import { WaitEpisodes, type WaitEpisode } from './wait-episodes.js';
import type { RateLimitSnapshot } from './types.js';


export type { WaitEpisode } from './wait-episodes.js';

export interface RateLimiterOptions {
  /** Chatwork: 10 posts per 10 s per room. */
  roomPostLimit?: RoomPostLimit;
  /** Waiting this long past a reset absorbs the whole-second rounding of x-ratelimit-reset. */
  resetMarginMs?: number;
}

/**
 * Paces requests so that we, as the only client, never provoke a 429.
 *
 * The global budget comes from the x-ratelimit-* headers of the latest answer, never
 * from a hard-coded number; requests still in flight are subtracted from it, since
 * the server had not counted them yet. The per-room posting limit is not announced
 * in headers, so it is tracked as a sliding window of our own posts (room-posts.ts).
 */
export class RateLimiter {
  private limit?: number;
  private remaining?: number;
  private resetAt?: number;
  /** The server's reset (seconds) of the window the numbers above describe. */
  private windowReset?: number;
  /** A window that has ended here: a late answer from it carries numbers that no longer hold. */
  private endedReset?: number;
  private inFlight = 0;
  /** The lowest x-ratelimit-remaining told of the current window. */
  private serverRemaining?: number;
  /** Server clock minus ours, applied only when the Date header shows a real skew. */
  private skewMs = 0;
  /** The last skew seen, whatever its size (whole seconds: the Date header's resolution). */
  observedSkewMs?: number;
  private readonly rooms: RoomPostWindow;
  private readonly resetMarginMs: number;
  waitedMs = 0;
  /** Told when a wait episode starts or reaches further, before the wait, so that progress can say why it stands still. */
  onWait?: (waitMs: number, episode: WaitEpisode) => void;
  private readonly episodes = new WaitEpisodes();
  /** Aborted on SIGTERM / Ctrl-C: a wait for the budget must not outlast the signal. */
  private readonly stopping = new AbortController();
  /** The window's length, learnt from the first answer of a fresh window (Chatwork: 5 minutes). */
  windowMs?: number;

  constructor(private readonly clock: Clock, options: RateLimiterOptions = {}) {
    this.resetMarginMs = options.resetMarginMs ?? 100;
    this.rooms = new RoomPostWindow(clock, options.roomPostLimit ?? { posts: 10, windowMs: 10_000 }, this.resetMarginMs);
  }

  /** Resolves when one request may be sent; `postRoom` for a message post to that room. */
  async acquire(postRoom?: number): Promise<void> {
    for (;;) {
      if (this.stopping.signal.aborted) throw this.stopping.signal.reason;
      const globalWait = this.globalWait();
      const roomWait = postRoom === undefined ? 0 : this.rooms.roomWait(postRoom);
      const wait = Math.max(globalWait, roomWait);
      if (wait <= 0) break;
      this.waitedMs += wait;
      const episode = this.episodes.note(this.clock.now(), wait, roomWait > globalWait ? 'room' : 'account');
      if (episode) this.onWait?.(wait, episode);
      await this.clock.sleep(wait, this.stopping.signal);
    }
    this.episodes.through();
    this.inFlight += 1;
    if (this.remaining !== undefined) this.remaining -= 1;
    if (postRoom !== undefined) this.rooms.recordPost(postRoom);
  }

  /** Every wait, now and later, ends at once with `reason`; nothing more is let through. */
  stop(reason: unknown): void {
    this.stopping.abort(reason);
  }

  get stopped(): AbortSignal {
    return this.stopping.signal;
  }

  /** Call once per acquire(), with the answer's headers (or none if there was no answer). */
  release(headers?: Record<string, string | string[] | undefined>): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!headers) return;
    const limit = numberHeader(headers['x-ratelimit-limit']);
    const remaining = numberHeader(headers['x-ratelimit-remaining']);
    const reset = numberHeader(headers['x-ratelimit-reset']);
    this.observeServerDate(headers['date']);
    // An answer that arrives after its window ended here (requests overlap the boundary) would
    // bring back the old window and refill the budget a second time: its numbers are ignored.
    if (reset !== undefined && this.endedReset !== undefined && reset <= this.endedReset) return;
    // Answers of one window can arrive out of order (several requests in flight): the lowest
    // remaining the server has told of this window is its latest count; a higher one is older.
    const sameWindow = reset !== undefined && reset === this.windowReset && this.serverRemaining !== undefined;
    if (limit !== undefined) this.limit = limit;
    if (reset !== undefined) {
      this.resetAt = this.toLocal(reset);
      this.windowReset = reset;
    }
    if (reset !== undefined && limit !== undefined && remaining === limit - 1) {
      this.windowMs = Math.max(1000, this.toLocal(reset) - this.clock.now());
    }
    if (remaining === undefined) return;
    this.serverRemaining = sameWindow ? Math.min(this.serverRemaining!, remaining) : remaining;
    this.remaining = Math.max(0, this.serverRemaining - this.inFlight);
  }

  /** A 429 from the general limit: nothing more until the reset the server gave. */
  blockUntilReset(headers: Record<string, string | string[] | undefined>, fallbackMs = 60_000): number {
    const reset = numberHeader(headers['x-ratelimit-reset']);
    const until = reset !== undefined ? this.toLocal(reset) : this.clock.now() + fallbackMs;
    if (reset !== undefined) this.windowReset = reset;
    this.serverRemaining = 0;
    this.remaining = 0;
    this.resetAt = Math.max(until, this.clock.now() + this.resetMarginMs);
    return this.resetAt - this.clock.now();
  }

  /** A 429 from the per-room limit (someone else posted there too): wait a whole window. */
  blockRoom(roomId: number): number {
    return this.rooms.blockRoom(roomId);
  }

  snapshot(): RateLimitSnapshot {
    return { limit: this.limit, remaining: this.remaining, resetAt: this.resetAt, windowMs: this.windowMs };
  }

  /** The Date header has whole seconds, so only a skew beyond 2 s is taken as real. */
  private observeServerDate(value: string | string[] | undefined): void {
    const text = Array.isArray(value) ? value[0] : value;
    const serverNow = text ? Date.parse(text) : NaN;
    if (Number.isNaN(serverNow)) return;
    const skew = serverNow - this.clock.now();
    this.observedSkewMs = skew;
    this.skewMs = Math.abs(skew) > 2_000 ? skew : 0;
  }

  private toLocal(resetSeconds: number): number {
    return resetSeconds * 1000 - this.skewMs + this.resetMarginMs;
  }

  private globalWait(): number {
    const now = this.clock.now();
    if (this.resetAt === undefined || this.remaining === undefined) return 0;
    if (now >= this.resetAt) {
      // A new window: allow what the last limit allows, less what is still in flight.
      this.remaining = (this.limit ?? 1) - this.inFlight;
      this.resetAt = undefined;
      this.serverRemaining = undefined;
      this.endedReset = this.windowReset;
      return this.remaining > 0 ? 0 : 10;
    }
    return this.remaining > 0 ? 0 : this.resetAt - now;
  }
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}
