import { UsageError } from '../errors/index.js';

/**
 * The times fencing rests on, in one place. Production values:
 * - postTimeoutMs 30 s: a Chatwork write (POST, PUT, DELETE) that has not been answered by
 *   then is given up (got's request timeout); a successor counts on no write of an old holder
 *   landing later than this after the holder's last check.
 * - marginMs 15 s: added to the POST timeout before a successor reconciles the old holder's
 *   in-flight intents (a server that stores a message a little after the client gave up).
 * - pingMs 15 s: the PostgreSQL run-lock session is pinged this often by its holder.
 * - sessionTimeoutMs 60 s: the server ends a run-lock session silent for this long
 *   (idle_session_timeout, PostgreSQL 14+; and tcp_user_timeout), and its keepalives give up
 *   after idle 30 s + 3 probes 10 s apart: a lost node's lock is free within about 2 minutes.
 */
export interface FenceTimings { postTimeoutMs: number; marginMs: number; pingMs: number; sessionTimeoutMs: number }

export const PRODUCTION_FENCE_TIMINGS: FenceTimings = {
  postTimeoutMs: 30_000,
  marginMs: 15_000,
  pingMs: 15_000,
  sessionTimeoutMs: 60_000,
};

/** TCP keepalives of the run-lock connection (client and server side), seconds. */
export const KEEPALIVE = { idleS: 30, intervalS: 10, count: 3 } as const;

export const FENCE_TIMINGS_ENV = 'HIMANAGER_CHATWORK_FENCE_TIMINGS';

/**
 * `postTimeoutMs=2000,marginMs=500,…`: tests shorten the times so a lost lock is seen in
 * seconds. Any key left out keeps its production value.
 */
export function parseFenceTimings(value: string | undefined): FenceTimings {
  const timings = { ...PRODUCTION_FENCE_TIMINGS };
  if (!value) return timings;
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, raw] = part.split('=');
    const ms = Number(raw);
    // Own keys only: `in` would also take an object's inherited names (toString, __proto__).
    if (!name || !Object.hasOwn(timings, name) || !Number.isInteger(ms) || ms <= 0) {
      throw new UsageError('error.badFenceTimings', { source: FENCE_TIMINGS_ENV, value: part });
    }
    timings[name as keyof FenceTimings] = ms;
  }
  return timings;
}
