import type { ChatworkApi } from '../../chatwork/client/index.js';
import type { Contact, Me, Room } from '../../chatwork/types.js';
import { readStoredTokens, type StoredTokens } from '../../chatwork/stored-tokens.js';
import type { Deps } from '../../deps/deps.js';
import type { SecretStore } from '../../store/secrets/secret-store.js';
import type { Settings } from '../../domain.js';
import { loadSettings } from '../../store/snapshot.js';
import type { Store } from '../../store/store.js';


/**
 * What the checks look at, each fetched once and shared: one /me, one /contacts, one
 * /rooms and one token refresh, however many links there are.
 */
export class DoctorContext {
  private readonly cache = new Map<string, Promise<unknown>>();
  /** `maxRunAgeMs`: doctor --max-run-age, how old the last send-reminders run may be before cron looks stopped. */
  constructor(readonly deps: Deps, readonly options: { maxRunAgeMs?: number } = {}) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }

  store = (): Promise<Store> => this.once('store', () => this.deps.stores.state());
  settings = (): Promise<Settings> => this.once('settings', async () => loadSettings(await this.store()));
  secrets = (): Promise<SecretStore> => this.once('secrets', () => this.deps.stores.secrets());
  clientSecret = (): Promise<string | undefined> => this.once('client-secret', async () => (await this.secrets()).get('client-secret'));
  tokens = (): Promise<StoredTokens | undefined> => this.once('tokens', async () => readStoredTokens(await this.secrets()));
  api = (): Promise<ChatworkApi> => this.once('api', () => this.deps.http.chatwork());
  /** A refresh now: the only proof that cron will still be able to authenticate. */
  refreshed = (): Promise<void> => this.once('refresh', async () => (await this.api()).refreshNow());
  me = (): Promise<Me> => this.once('me', async () => { await this.refreshed(); return (await this.api()).me(); });
  contacts = (): Promise<Contact[]> => this.once('contacts', async () => { await this.refreshed(); return (await this.api()).contacts(); });
  rooms = (): Promise<Room[]> => this.once('rooms', async () => { await this.refreshed(); return (await this.api()).rooms(); });

}
