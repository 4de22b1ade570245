import { createHash } from 'node:crypto';
import type { Stores } from './parts.js';
import type { Environment } from '../env.js';
import type { Translate } from '../i18n/translate.js';
import type { Clock } from '../io/clock.js';
import type { Io } from '../io/io.js';
import { displayTimeZone } from '../text/time.js';
import type { SecretStore } from '../store/secrets/secret-store.js';
import type { Store } from '../store/store.js';

export interface StoreEvents {
  /** The configured time zone, told as soon as the state store is open, for every time shown after. */
  timeZone(zone: string): void;
  /** The secret store was switched: whatever was built on the old one is built again. */
  secretStoreChanged(): void;
}

/** The state store and the secret store, each opened on first use, once; a local secret store may be given (a test's, in memory). */
export function createStores(env: Environment, io: Io, t: Translate, clock: Clock, events: StoreEvents, localSecrets?: SecretStore): Stores {
  let state: Promise<Store> | undefined;
  let live: Promise<Store> | undefined;
  let secrets: Promise<SecretStore> | undefined;
  const stores: Stores = {
    // A moved store is refused before any command reads or writes it (src/store/moved.ts).
    state: () => live ??= stores.stateEvenIfMoved().then(async (store) => {
      await (await import('../store/moved.js')).refuseIfMoved(store);
      return store;
    }),
    stateEvenIfMoved: () => state ??= import('../store/open.js').then(async ({ openStore }) => {
      const { store, imported } = await openStore(env.state, { clock, configDir: env.configDir, stateKey: env.stateKey, postgres: env.postgresDefaults, fenceTimings: env.fenceTimings });
      events.timeZone(displayTimeZone(await store.config.get().catch(() => undefined)));
      if (imported) {
        io.err(t('state.imported', { location: store.info.location, users: imported.users, links: imported.links, deliveries: imported.deliveries, backup: imported.backup.join(', ') }));
        if (imported.tornLines) io.err(t('state.importedTorn', { count: imported.tornLines }));
      }
      return store;
    }),
    secrets: () => secrets ??= (env.state.backend === 'postgres'
      // A shared database keeps the secrets too, encrypted, so every host sees one token set.
      ? stores.state().then(async (store) => (await import('../store/secrets/database.js')).databaseSecretStore(store, env.clientSecret))
      // A local install's secrets belong to its state store: one that was moved lends them to no command.
      : refuseMovedLocalState().then(async () => localSecrets ?? (await import('../store/secrets/open.js')).openSecretStore({
        kind: env.secretStore,
        configDir: env.configDir,
        clientSecretOverride: env.clientSecret,
        keychainAccount: keychainAccountFor(env.configDir),
      }))).then((store) => registeringSecrets(store, io)),
    useSecretStore(kind) {
      env.secretStore = kind;
      secrets = undefined;
      events.secretStoreChanged();
    },
    async close() {
      const opened = state;
      state = undefined;
      live = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  /** Only the move is reported here; any other failure of the store shows where the store is used. */
  async function refuseMovedLocalState(): Promise<void> {
    const { StateMovedError } = await import('../store/moved.js');
    await stores.state().catch((error: unknown) => { if (error instanceof StateMovedError) throw error; });
  }
  return stores;
}

/** One keychain account per config dir, so that two installs on one machine stay apart. */
export function keychainAccountFor(configDir: string): string {
  return `config-${createHash('sha256').update(configDir).digest('hex').slice(0, 12)}`;
}

/** Every secret read or written is also masked in all output, as a second line of defence. */
function registeringSecrets(store: SecretStore, io: Io): SecretStore {
  return {
    ...store,
    async get(name) {
      const value = await store.get(name);
      registerValue(io, name, value);
      return value;
    },
    async set(name, value) {
      registerValue(io, name, value);
      await store.set(name, value);
    },
  };
}

function registerValue(io: Io, name: string, value: string | undefined): void {
  if (!value) return;
  if (name !== 'tokens') return io.registerSecret(value);
  try {
    const parsed = JSON.parse(value) as { accessToken?: string; refreshToken?: string };
    io.registerSecret(parsed.accessToken);
    io.registerSecret(parsed.refreshToken);
  } catch {
    io.registerSecret(value);
  }
}
