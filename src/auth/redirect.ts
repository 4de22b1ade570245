import { stateMatches } from './pkce.js';

export type RedirectResult =
  | { kind: 'code'; code: string }
  | { kind: 'denied'; error: string; description?: string };

export type RedirectCheck = RedirectResult | { kind: 'wrong-state' } | { kind: 'not-a-redirect'; reason: string };

/**
 * Reads the query of the redirect, whether it reached the loopback server or was
 * pasted from the address bar. A wrong or missing state is never accepted.
 */
export function checkRedirect(query: URLSearchParams, expectedState: string): RedirectCheck {
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return { kind: 'not-a-redirect', reason: 'no code or error in it' };
  if (!stateMatches(expectedState, query.get('state'))) return { kind: 'wrong-state' };
  if (error) return { kind: 'denied', error, description: query.get('error_description') ?? undefined };
  return { kind: 'code', code: code! };
}

/** A line pasted into the terminal: the full redirected URL, as the address bar shows it. */
export function checkPastedLine(line: string, redirectUri: string, expectedState: string): RedirectCheck {
  const text = line.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'not-a-redirect', reason: 'not a URL' };
  }
  const expected = new URL(redirectUri);
  const samePlace = url.host === expected.host && url.pathname.replace(/\/+$/, '') === expected.pathname.replace(/\/+$/, '');
  if (!samePlace) return { kind: 'not-a-redirect', reason: `not the redirect URI ${redirectUri}` };
  return checkRedirect(url.searchParams, expectedState);
}
