import { AuthError } from '../errors/index.js';
import type { SecretStore } from '../store/secrets/secret-store.js';
import type { TokenResponse } from './types.js';

/** The login as the secret store keeps it (under "tokens"), read and made from the token endpoint's answer. */
export interface StoredTokens {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken: string;
  scope: string[];
  obtainedAt: number;
}

export function parseExpiresIn(value: number | string | undefined): number {
  const seconds = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  // An unreadable lifetime is taken as short: the cost is an early refresh, never a stale token.
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 300;
}

export function toStoredTokens(response: TokenResponse, now: number, previous?: StoredTokens): StoredTokens {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (!refreshToken) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
  return {
    accessToken: response.access_token,
    expiresAt: now + parseExpiresIn(response.expires_in) * 1000,
    refreshToken,
    scope: response.scope !== undefined ? response.scope.split(/\s+/).filter(Boolean) : previous?.scope ?? [],
    obtainedAt: now,
  };
}

export async function readStoredTokens(secrets: SecretStore): Promise<StoredTokens | undefined> {
  const text = await secrets.get('tokens');
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as StoredTokens;
    return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
