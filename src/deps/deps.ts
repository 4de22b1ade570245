import { systemBrowser } from './browser.js';
import { createHttp } from './http.js';
import { createStores } from './stores.js';
import type { Environment } from '../env.js';
import { createTranslator, type Translate } from '../i18n/translate.js';
import { systemClock, type Clock } from '../io/clock.js';
import { displayTimeZone, formatTime, isoInZone } from '../text/time.js';
import { createIo, type Io, type IoStreams } from '../io/io.js';
import { createPrompter, type Prompter } from '../io/prompter.js';
import { machineTimeZone } from '../logging/log-line.js';
import { newRunIdentity, type RunIdentity } from '../runs/run-identity.js';
import { createRunLifecycle, type RunLifecycle } from './run-lifecycle.js';
import { VERSION } from '../version.js';
import type { SecretStore } from '../store/secrets/secret-store.js';

export { keychainAccountFor } from './stores.js';
import type { Browser, Http, Stores } from './parts.js';

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
  /** This invocation: its run id, command, host, pid, version and start. */
  run: RunIdentity;
  /** This run's record and pings: a command says when it began and what it counted. */
  lifecycle: RunLifecycle;
}

interface TimeFormat {
  zone(): string;
  /** For a person: 12月2日(水) 9:00 / Wed, Dec 2, 09:00 JST. */
  human(value: number | string): string;
  /** For machines: ISO 8601 with the zone's offset. */
  iso(value: number | string): string;
}

interface ConfigPaths {
  dir: string;
}

function configPaths(dir: string): ConfigPaths {
  return { dir };
}

/**
 * What a test may put in place of the real thing: never the state store or the HTTP client.
 * The secret store may be one in memory, so that a command's run() is tested without the
 * machine's keychain or a secrets file (test/helpers/command-deps.ts).
 */
export interface DepsOverrides { browser?: Browser; prompts?: Prompter; secrets?: SecretStore }

/** What createDeps is given besides the environment: the streams, the clock, the command being run. */
export interface DepsContext { streams: IoStreams; command: string; clock?: Clock; overrides?: DepsOverrides }

export async function createDeps(env: Environment, { streams, command, clock = systemClock, overrides = {} }: DepsContext): Promise<Deps> {
  const run = newRunIdentity(command, VERSION, clock.now());
  let timeZone = displayTimeZone(undefined);
  // Log lines tell the machine's time until the store names the display zone.
  let zoneKnown = false;
  const io = await createIo(streams, {
    color: env.color, verbose: env.verbose,
    log: { choice: env.logFormat, runId: () => run.id, zone: () => (zoneKnown ? timeZone : machineTimeZone()), now: () => clock.now() },
  });
  io.registerSecret(env.clientSecret);
  io.registerSecret(env.stateKey);
  io.registerSecret(env.pingUrl);
  const time: TimeFormat = {
    zone: () => timeZone,
    human: (value) => formatTime(value, env.lang, timeZone, clock.now()),
    iso: (value) => isoInZone(value, timeZone),
  };
  const t = createTranslator(env.lang, { timeZone: () => timeZone, now: () => clock.now() });
  const paths = configPaths(env.configDir);
  const stores = createStores(env, io, t, clock, {
    timeZone: (zone) => { timeZone = zone; zoneKnown = true; },
    secretStoreChanged: () => forgetChatwork(),
  }, overrides.secrets);
  const { http, forgetChatwork } = createHttp(env, io, t, clock, stores);
  const browser = overrides.browser ?? systemBrowser;
  const lifecycle = createRunLifecycle({ io, t, stores, env, run, now: () => clock.now() });
  return { io, t, prompts: overrides.prompts ?? createPrompter(io, t), http, browser, clock, stores, env, paths, time, run, lifecycle };
}
