import { UsageError } from '../errors/index.js';

/** What one ping may wait for, and all of a run's pings together: a dead ping server costs at most this. */
const PING_TIMEOUT_MS = 4_000;
const PING_BUDGET_MS = 8_000;
/** A body is a summary: healthchecks keeps the first 100 kB; a few kB is plenty and never a list of people. */
const PING_BODY_MAX = 4_096;

export type PingKind = 'start' | 'success' | 'fail';

/** A ping URL from --ping or HIMANAGER_CHATWORK_PING_URL; the value is never repeated in the error (it holds a secret). */
export function parsePingUrl(value: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('ping.badUrl', { source });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('ping.badUrl', { source });
  return url;
}

/** Safe to print: the scheme and host, never the path (healthchecks' secret UUID) nor a query. */
export function shownPingTarget(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** healthchecks.io's convention: `<url>/start`, `<url>`, `<url>/fail`, each with `?rid=<run id>`. */
export function pingUrlFor(base: URL, kind: PingKind, rid: string): URL {
  const url = new URL(base.href);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = kind === 'success' ? (path || '/') : `${path}/${kind}`;
  url.searchParams.set('rid', rid);
  return url;
}

/**
 * Sends pings, never failing: each is a POST that gives up after PING_TIMEOUT_MS, and all of
 * them together after PING_BUDGET_MS (a port that accepts and never answers costs no more).
 * Resolves to an error text when a ping did not get a 2xx, else undefined.
 */
export function createPinger(base: URL, rid: string, budgetMs = PING_BUDGET_MS, timeoutMs = PING_TIMEOUT_MS) {
  let left = budgetMs;
  return async (kind: PingKind, body: string): Promise<string | undefined> => {
    if (left <= 0) return 'no time left for pings';
    const wait = Math.min(timeoutMs, left);
    const started = performance.now();
    try {
      return await post(pingUrlFor(base, kind, rid), body.slice(0, PING_BODY_MAX), wait);
    } finally {
      left -= performance.now() - started;
    }
  };
}

async function post(url: URL, body: string, timeoutMs: number): Promise<string | undefined> {
  // Loaded on the first ping: a command without --ping never pays for node:https.
  const { request: send } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve) => {
    // No keep-alive agent: nothing of a ping outlives it or holds the process open.
    const req = send(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => { clearTimeout(timer); resolve(res.statusCode && res.statusCode < 300 ? undefined : `HTTP ${res.statusCode}`); });
      res.on('error', (error) => { clearTimeout(timer); resolve(error.message); });
    });
    const timer = setTimeout(() => { req.destroy(); resolve(`no answer within ${Math.round(timeoutMs / 1000)} s`); }, timeoutMs);
    req.on('error', (error) => { clearTimeout(timer); resolve((error as NodeJS.ErrnoException).code ?? error.message); });
    req.end(body);
  });
}
