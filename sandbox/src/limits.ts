export interface Limit { count: number; windowMs: number }

/** "300/300s", "10/10s", "300/5m": what --rate-limit and --room-post-limit take. */
export function parseLimit(text: string): Limit | undefined {
  const match = /^(\d+)\/(\d+)(ms|s|m)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[3] as 'ms' | 's' | 'm'];
  const count = Number(match[1]);
  const windowMs = Number(match[2]) * unit;
  return count > 0 && windowMs > 0 ? { count, windowMs } : undefined;
}

export interface WindowState { limit: number; remaining: number; resetSeconds: number }

/**
 * Chatwork's general limit as its headers describe it: a fixed window per account,
 * aligned to whole seconds (x-ratelimit-reset is in seconds), opened by the first
 * request. The reset announced is the true one, so a client that waits for it never
 * sees a 429.
 */
export class AccountWindows {
  private readonly windows = new Map<number, { used: number; resetAt: number }>();
  constructor(public limit: Limit, private readonly now: () => number) {}

  take(accountId: number): { allowed: boolean; state: WindowState } {
    const now = this.now();
    let window = this.windows.get(accountId);
    if (!window || now >= window.resetAt) {
      window = { used: 0, resetAt: Math.floor(now / 1000) * 1000 + this.limit.windowMs };
      this.windows.set(accountId, window);
    }
    const allowed = window.used < this.limit.count;
    if (allowed) window.used += 1;
    return { allowed, state: { limit: this.limit.count, remaining: this.limit.count - window.used, resetSeconds: window.resetAt / 1000 } };
  }

  reset(): void {
    this.windows.clear();
  }
}

/** The per-room posting limit: a sliding window over every poster's messages in the room. */
export class RoomPostWindows {
  private readonly posts = new Map<number, number[]>();
  constructor(public limit: Limit, private readonly now: () => number) {}

  take(roomId: number): boolean {
    const now = this.now();
    const recent = (this.posts.get(roomId) ?? []).filter((t) => t > now - this.limit.windowMs);
    const allowed = recent.length < this.limit.count;
    if (allowed) recent.push(now);
    this.posts.set(roomId, recent);
    return allowed;
  }

  reset(): void {
    this.posts.clear();
  }
}
