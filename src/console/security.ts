import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

/**
 * Only these names may reach the console: a page on another name that resolves to 127.0.0.1
 * (DNS rebinding) is refused. Any port: an `ssh -L` forward may use another one.
 */
const LOCAL_HOST = /^(127\.0\.0\.1|localhost)(:\d{1,5})?$/i;

export function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && LOCAL_HOST.test(host);
}

/**
 * A write must come from a page of this console: its Origin is the scheme and Host the browser
 * used. Under Referrer-Policy no-referrer a browser sends `Origin: null` on a form post, even to
 * its own origin; then the browser's own Sec-Fetch-Site (which no page can set) must say
 * same-origin. A POST with neither (or a null Origin from another site) is refused.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  if (origin === 'null') return req.headers['sec-fetch-site'] === 'same-origin';
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** Equal secrets, compared in a time that does not tell how much of a guess was right. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One cookie's value from the Cookie header. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Sent with every answer: no script or style from anywhere but this server, none inline, no
 * framing, no referrer (a URL never leaves), nothing cached.
 */
export const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
