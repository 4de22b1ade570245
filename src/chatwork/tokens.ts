import { AuthError } from '../errors.js';
import type { Clock } from '../io/clock.js';
import type { SecretStore } from '../store/secrets/secret-store.js';
import type { TokenResponse } from './types.js';

export interface StoredTokens {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken: string;
  scope: string[];
  obtainedAt: number;
}

/** Refresh this long before the access token expires, so a request never carries a dying token. */
export const REFRESH_AHEAD_MS = 120_000;

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

export interface TokenManagerOptions {
  secrets: SecretStore;
  clock: Clock;
  /** Serialises refresh-and-store across processes and hosts (the store's token lock). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  refresh(refreshToken: string): Promise<TokenResponse>;
  onNewTokens?(tokens: StoredTokens): void;
}

/**
 * Hands out access tokens. A refresh happens ahead of expiry or after a 401, one at a
 * time: in this process through a shared promise, across processes through a lock,
 * after which the store is read again, since another cron job may have refreshed
 * already and, if refresh tokens rotate, ours would then be spent.
 */
export class TokenManager {
  private current?: StoredTokens;
  private refreshing?: Promise<StoredTokens>;
  refreshCount = 0;

  constructor(private readonly options: TokenManagerOptions) {}

  async accessToken(): Promise<string> {
    const tokens = this.current ?? await this.load();
    if (this.isFresh(tokens)) return tokens.accessToken;
    return (await this.refreshOnce(tokens.accessToken)).accessToken;
  }

  /** After a 401: refresh, unless someone already replaced the token that was rejected. */
  async afterRejection(rejectedToken: string): Promise<string> {
    return (await this.refreshOnce(rejectedToken, true)).accessToken;
  }

  async refreshNow(): Promise<void> {
    const tokens = this.current ?? await this.load();
    await this.refreshOnce(tokens.accessToken, true);
  }

  private async load(): Promise<StoredTokens> {
    const tokens = await readStoredTokens(this.options.secrets);
    if (!tokens) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
    this.current = tokens;
    this.options.onNewTokens?.(tokens);
    return tokens;
  }

  private isFresh(tokens: StoredTokens): boolean {
    return tokens.expiresAt - REFRESH_AHEAD_MS > this.options.clock.now();
  }

  private refreshOnce(staleToken: string, rejected = false): Promise<StoredTokens> {
    this.refreshing ??= this.refreshUnderLock(staleToken, rejected).finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async refreshUnderLock(staleToken: string, rejected: boolean): Promise<StoredTokens> {
    const { clock, secrets } = this.options;
    return this.options.withLock(async () => {
      const stored = await readStoredTokens(secrets);
      if (!stored) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
      const replaced = stored.accessToken !== staleToken;
      if (replaced && (rejected || this.isFresh(stored))) {
        this.current = stored;
        this.options.onNewTokens?.(stored);
        return stored;
      }
      const response = await this.options.refresh(stored.refreshToken);
      const next = toStoredTokens(response, clock.now(), stored);
      await secrets.set('tokens', JSON.stringify(next));
      this.refreshCount += 1;
      this.current = next;
      this.options.onNewTokens?.(next);
      return next;
    });
  }
}
