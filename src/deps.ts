import type { ChatworkApi, OAuthClient } from './chatwork/client.js';
import { systemBrowser } from './deps/browser.js';
import { createHttp } from './deps/http.js';
import { createStores } from './deps/stores.js';
import type { Environment, SecretStoreKind } from './env.js';
import { createTranslator, type Translate } from './i18n/translate.js';
import { systemClock, type Clock } from './io/clock.js';
import { displayTimeZone, formatTime, isoInZone } from './io/time.js';
import { createIo, type Io, type IoStreams } from './io/io.js';
import { createPrompter, type Prompter } from './io/prompter.js';
import type { SecretStore } from './store/secrets/secret-store.js';
import type { Store } from './store/store.js';

export { keychainAccountFor } from './deps/stores.js';

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

/** Everything a command may touch, built in this one place (createDeps). Expensive parts are lazy: deps/stores.ts, deps/http.ts. */
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
  const stores = createStores(env, io, t, clock, {
    timeZone: (zone) => { timeZone = zone; },
    secretStoreChanged: () => forgetChatwork(),
  });
  const { http, forgetChatwork } = createHttp(env, io, t, clock, stores);
  const browser = overrides.browser ?? systemBrowser;
  return { io, t, prompts: overrides.prompts ?? createPrompter(io, t), http, browser, clock, stores, env, paths, time };
}
