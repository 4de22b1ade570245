import { AuthError, CliError, FileSystemError } from '../errors/index.js';
import type { Clock } from '../io/clock.js';
import type { PreparedSecret, SecretStore } from '../store/secrets/secret-store.js';
import { readStoredTokens, toStoredTokens, type StoredTokens } from './stored-tokens.js';
import type { TokenResponse } from './types.js';

export { parseExpiresIn, readStoredTokens, toStoredTokens, type StoredTokens } from './stored-tokens.js';

/** Refresh this long before the access token expires, so a request never carries a dying token. */
export const REFRESH_AHEAD_MS = 120_000;

export interface TokenManagerOptions {
  secrets: SecretStore;
  clock: Clock;
  /** Serialises refresh-and-store across processes and hosts (the store's token lock). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  refresh(refreshToken: string): Promise<TokenResponse>;
  onNewTokens?(tokens: StoredTokens): void;
  /** The new pair could not be saved: it is kept in memory and saving is retried; say so. */
  onSaveFailed?(error: unknown): void;
}

const SAVE_ATTEMPTS = 3;
const SAVE_RETRY_MS = 500;

/**
 * Hands out access tokens. A refresh happens ahead of expiry or after a 401, one at a
 * time: in this process through a shared promise, across processes through a lock,
 * after which the store is read again, since another cron job may have refreshed
 * already and, if refresh tokens rotate, ours would then be spent.
 */
export class TokenManager {
  private current?: StoredTokens;
  private refreshing?: Promise<StoredTokens>;
  /** A pair that Chatwork issued and the store has not taken yet: the only copy of the login. */
  private unsaved?: StoredTokens;
  refreshCount = 0;

  constructor(private readonly options: TokenManagerOptions) {}

  async accessToken(): Promise<string> {
    if (this.unsaved) await this.saveAgain();
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
    let locked = false;
    // A lock that cannot be taken (a full disk under token.lock) means no refresh at all.
    return this.options.withLock(async () => {
      locked = true;
      const stored = await readStoredTokens(secrets);
      if (!stored) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
      const replaced = stored.accessToken !== staleToken;
      if (replaced && (rejected || this.isFresh(stored))) {
        this.current = stored;
        this.options.onNewTokens?.(stored);
        return stored;
      }
      // Refresh tokens rotate: one spent whose successor cannot be stored ends the login.
      // So the space is held first, and a store that cannot take the pair stops us here.
      const prepared = await this.prepareSave();
      let next: StoredTokens;
      try {
        next = toStoredTokens(await this.options.refresh(stored.refreshToken), clock.now(), stored);
      } catch (error) {
        await prepared.abandon();
        throw error;
      }
      this.refreshCount += 1;
      this.current = next;
      this.options.onNewTokens?.(next);
      await this.save(next, prepared);
      return next;
    }).catch((error: unknown) => { throw locked ? error : cannotRefresh(error); });
  }

  private async prepareSave(): Promise<PreparedSecret> {
    const { secrets } = this.options;
    if (!secrets.prepare) return { commit: (value) => secrets.set('tokens', value), abandon: async () => {} };
    try {
      return await secrets.prepare('tokens');
    } catch (error) {
      throw cannotRefresh(error);
    }
  }

  private async save(next: StoredTokens, prepared: PreparedSecret): Promise<void> {
    try {
      await prepared.commit(JSON.stringify(next));
      this.unsaved = undefined;
      return;
    } catch (error) {
      this.unsaved = next;
      this.options.onSaveFailed?.(error);
    }
    for (let attempt = 1; attempt < SAVE_ATTEMPTS && this.unsaved; attempt++) {
      await this.options.clock.sleep(SAVE_RETRY_MS * attempt);
      await this.saveAgain();
    }
  }

  /** Retried before every use of the token while the new pair exists only in memory. */
  private async saveAgain(): Promise<void> {
    const pair = this.unsaved;
    if (!pair) return;
    try {
      await this.options.secrets.set('tokens', JSON.stringify(pair));
      if (this.unsaved === pair) this.unsaved = undefined;
    } catch {
      // Still failing: reported once already; the next use of the token tries again.
    }
  }

  /** True while the current pair exists only in memory (its save failed). */
  get unsavedTokens(): boolean {
    return this.unsaved !== undefined;
  }
}

/** The refresh was not attempted because its result could not be kept: said so, with the cause. */
function cannotRefresh(error: unknown): unknown {
  if (!(error instanceof FileSystemError)) return error;
  return new CliError('tokens.cannotStore', {}, {
    cause: error,
    details: [{ key: error.key, params: error.params, prefix: '  ' }],
    hint: error.hint,
  });
}
