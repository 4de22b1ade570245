import { createHash } from 'node:crypto';
import type { ChatworkApi, OAuthClient } from './chatwork/client.js';
import { RateLimiter } from './chatwork/rate-limiter.js';
import { AuthError, renderError } from './errors.js';
import type { Environment, SecretStoreKind } from './env.js';
import { createTranslator, type Translate } from './i18n/translate.js';
import { systemClock, type Clock } from './io/clock.js';
import { displayTimeZone, formatTime, isoInZone } from './io/time.js';
import { createIo, type Io, type IoStreams } from './io/io.js';
import { createPrompter, type Prompter } from './io/prompter.js';
import type { SecretStore } from './store/secrets/secret-store.js';
import type { Store } from './store/store.js';

export interface Stores {
  /** The one store of all state, opened (and migrated) on first use. */
  state(): Promise<Store>;
  secrets(): Promise<SecretStore>;
  /** Switches this run to another secret store (the wizard's fallback from a keychain that does not work). */
  useSecretStore(kind: SecretStoreKind): void;
  /** Closes whatever was opened: the entry point calls it after every command. */
  close(): Promise<void>;
}

export interface Http {
  /** The Chatwork API, authenticated from the stored tokens. */
  chatwork(): Promise<ChatworkApi>;
  /** The token endpoint; the client secret comes from the secret store unless given. */
  oauth(clientId: string, clientSecret?: string): Promise<OAuthClient>;
}

export interface Browser {
  /** Resolves false when no browser could be started; never throws. */
  open(url: string): Promise<boolean>;
}

/** Everything a command may touch, built in this one place. Expensive parts are lazy. */
export interface Deps {
  io: Io;
  t: Translate;
  prompts: Prompter;
  http: Http;
  browser: Browser;
  clock: Clock;
  stores: Stores;
  env: Environment;
  paths: ConfigPaths;
  /** Times for people and for --json, in the configured time zone (known once the store is open). */
  time: TimeFormat;
}

export interface TimeFormat {
  zone(): string;
  /** For a person: 12月2日(水) 9:00 / Wed, Dec 2, 09:00 JST. */
  human(value: number | string): string;
  /** For machines: ISO 8601 with the zone's offset. */
  iso(value: number | string): string;
}

export interface ConfigPaths {
  dir: string;
}

export function configPaths(dir: string): ConfigPaths {
  return { dir };
}

/** What a test may put in place of the real thing: never the stores or the HTTP client. */
export interface DepsOverrides { browser?: Browser; prompts?: Prompter }

export async function createDeps(env: Environment, streams: IoStreams, clock: Clock = systemClock, overrides: DepsOverrides = {}): Promise<Deps> {
  const io = await createIo(streams, { color: env.color, verbose: env.verbose });
  io.registerSecret(env.clientSecret);
  io.registerSecret(env.stateKey);
  let timeZone = displayTimeZone(undefined);
  const time: TimeFormat = {
    zone: () => timeZone,
    human: (value) => formatTime(value, env.lang, timeZone, clock.now()),
    iso: (value) => isoInZone(value, timeZone),
  };
  const t = createTranslator(env.lang, { timeZone: () => timeZone, now: () => clock.now() });
  const paths = configPaths(env.configDir);

  let state: Promise<Store> | undefined;
  let secrets: Promise<SecretStore> | undefined;
  let chatwork: Promise<ChatworkApi> | undefined;
  const stores: Stores = {
    state: () => state ??= import('./store/open.js').then(async ({ openStore }) => {
      const { store, imported } = await openStore(env.state, { clock, configDir: env.configDir, stateKey: env.stateKey });
      timeZone = displayTimeZone(await store.config.get().catch(() => undefined));
      if (imported) {
        io.err(t('state.imported', { location: store.info.location, users: imported.users, links: imported.links, deliveries: imported.deliveries, backup: imported.backup.join(', ') }));
        if (imported.tornLines) io.err(t('state.importedTorn', { count: imported.tornLines }));
      }
      return store;
    }),
    secrets: () => secrets ??= (env.state.backend === 'postgres'
      // A shared database keeps the secrets too, encrypted, so every host sees one token set.
      ? stores.state().then(async (store) => (await import('./store/secrets/database.js')).databaseSecretStore(store, env.clientSecret))
      : import('./store/secrets/open.js').then((m) => m.openSecretStore({
        kind: env.secretStore,
        configDir: env.configDir,
        clientSecretOverride: env.clientSecret,
        keychainAccount: keychainAccountFor(env.configDir),
      }))).then((store) => registeringSecrets(store, io)),
    useSecretStore(kind) {
      env.secretStore = kind;
      secrets = undefined;
      chatwork = undefined;
    },
    async close() {
      const opened = state;
      state = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };

  const http: Http = {
    async oauth(clientId, givenSecret) {
      const { createOAuthClient } = await import('./chatwork/client.js');
      return createOAuthClient({
        tokenUrl: env.tokenUrl,
        clientId,
        clock,
        log: io.verbose,
        async clientSecret() {
          const secret = givenSecret ?? await (await stores.secrets()).get('client-secret');
          if (!secret) throw new AuthError('auth.clientSecretMissing', {}, { hint: { key: 'auth.hint.login' } });
          return secret;
        },
      });
    },
    chatwork: () => chatwork ??= (async () => {
      const [{ createChatworkApi }, { TokenManager }, store, secretStore] = await Promise.all([
        import('./chatwork/client.js'), import('./chatwork/tokens.js'), stores.state(), stores.secrets(),
      ]);
      const { clientId } = await store.config.get();
      if (!clientId) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
      const oauth = await http.oauth(clientId);
      const tokens = new TokenManager({
        secrets: secretStore,
        clock,
        withLock: (fn) => store.locks.withTokenLock(fn),
        refresh: (refreshToken) => oauth.refresh(refreshToken),
        onNewTokens: (next) => { io.registerSecret(next.accessToken); io.registerSecret(next.refreshToken); },
        onSaveFailed: (error) => { io.err(t('tokens.saveFailed', { reason: renderError(error, t, false).join(' ').replace(/^\S+\s/, '') })); },
      });
      return createChatworkApi({ apiUrl: env.apiUrl, tokens, clock, limiter: new RateLimiter(clock), log: io.verbose });
    })(),
  };

  const browser: Browser = overrides.browser ?? {
    async open(url) {
      try {
        const { default: open } = await import('open');
        const child = await open(url, { wait: false });
        // Where xdg-open is missing the child emits 'error': never let that crash the login.
        return await new Promise<boolean>((resolve) => {
          child.once('error', () => resolve(false));
          child.once('spawn', () => resolve(true));
          setTimeout(() => resolve(true), 500).unref();
        });
      } catch {
        return false;
      }
    },
  };

  return { io, t, prompts: overrides.prompts ?? createPrompter(io, t), http, browser, clock, stores, env, paths, time };
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
