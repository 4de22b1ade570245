import type { RateLimitSnapshot } from '../chatwork/types.js';

/** Chatwork documents 300 requests per 5 minutes; used only until the headers have said otherwise. */
const DOCUMENTED = { limit: 300, windowMs: 300_000 };
const PER_REQUEST_MS = 150;

/**
 * How long `requests` more requests take within the rate budget: what is left of this
 * window, then whole windows, then the tail. An estimate for the plan and the ETA.
 */
export function estimateMs(requests: number, limits: RateLimitSnapshot, now: number): number {
  const limit = limits.limit ?? DOCUMENTED.limit;
  const windowMs = limits.windowMs ?? DOCUMENTED.windowMs;
  const remaining = limits.remaining ?? limit;
  if (requests <= remaining) return requests * PER_REQUEST_MS;
  const untilReset = Math.max(0, (limits.resetAt ?? now + windowMs) - now);
  const afterThisWindow = requests - remaining;
  const fullWindows = Math.ceil(afterThisWindow / limit) - 1;
  const tail = afterThisWindow - fullWindows * limit;
  return untilReset + fullWindows * windowMs + tail * PER_REQUEST_MS;
}

export function formatDuration(ms: number, lang: 'ja' | 'en'): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return lang === 'ja' ? '1分未満' : 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'ja') return h ? `約${h}時間${m}分` : `約${m}分`;
  return h ? `about ${h} h ${m} min` : `about ${m} min`;
}
