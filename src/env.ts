import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from './errors/index.js';
import { rememberedSecretStore } from './store/preferences.js';
import type { SecretStoreKind } from './store/secrets/secret-store.js';
import type { PostgresDefaults } from './store/postgres/open.js';
import { resolveStoreLocation, type StoreLocation } from './store/open.js';
import { detectLang, isLang, type Lang } from './i18n/translate.js';
import { FENCE_TIMINGS_ENV, parseFenceTimings, type FenceTimings } from './store/fence-timings.js';
import type { LogFormatChoice } from './logging/logger.js';


export interface GlobalOptions {
  configDir?: string;
  lang?: string;
  color?: boolean;
  verbose?: boolean;
  secretStore?: string;
  state?: string;
  logFormat?: string;
}

/** Everything the process environment decides, read in this one place. */
export interface Environment {
  configDir: string;
  lang: Lang;
  color: boolean;
  verbose: boolean;
  apiUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  secretStore: SecretStoreKind;
  /** HIMANAGER_CHATWORK_CLIENT_SECRET: wins over the secret store, for automation. */
  clientSecret?: string;
  /** Where the state lives: --state / HIMANAGER_CHATWORK_STATE, else state.db in the config dir. */
  state: StoreLocation;
  /** HIMANAGER_CHATWORK_STATE_KEY: encrypts secrets kept in a shared database. A secret itself. */
  stateKey?: string;
  /** libpq's PG* variables: where a PostgreSQL URL is silent, pg connects with them, and errors name them. */
  postgresDefaults: PostgresDefaults;
  /** True where no browser can be shown: SSH, CI, containers, Linux without a display. */
  headless: boolean;
  /** The run lock's times (POST timeout, margin, PostgreSQL session limits); tests shorten them. */
  fenceTimings: FenceTimings;
  /** --log-format / HIMANAGER_CHATWORK_LOG_FORMAT: text or json; auto (unset) is human on a terminal, else text. */
  logFormat: LogFormatChoice;
  /** HIMANAGER_CHATWORK_PING_URL: a container's one job pings here (src/runs/ping.ts). Secret-like: never printed whole. */
  pingUrl?: string;
  processEnv: NodeJS.ProcessEnv;
}

export const DEFAULT_URLS = {
  apiUrl: 'https://api.chatwork.com/v2',
  authorizeUrl: 'https://www.chatwork.com/packages/oauth2/login.php',
  tokenUrl: 'https://oauth.chatwork.com/token',
} as const;

function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === undefined) return detectLang(env);
  if (!isLang(flag)) throw new UsageError('error.badLang', { value: flag });
  return flag;
}

export function resolveEnvironment(options: GlobalOptions, env: NodeJS.ProcessEnv): Environment {
  const secretStoreSource = options.secretStore !== undefined ? '--secret-store' : 'HIMANAGER_CHATWORK_SECRET_STORE';
  const configDir = resolve(options.configDir ?? env.HIMANAGER_CHATWORK_CONFIG_DIR ?? defaultConfigDir(env));
  const secretStore = options.secretStore ?? (env.HIMANAGER_CHATWORK_SECRET_STORE || undefined) ?? rememberedSecretStore(configDir);
  if (secretStore !== 'keychain' && secretStore !== 'file') {
    throw new UsageError('error.badSecretStore', { source: secretStoreSource, value: secretStore });
  }
  const stateSource = options.state !== undefined ? '--state' : 'HIMANAGER_CHATWORK_STATE';
  return {
    configDir,
    state: resolveStoreLocation(options.state ?? env.HIMANAGER_CHATWORK_STATE, configDir, stateSource),
    stateKey: env.HIMANAGER_CHATWORK_STATE_KEY || undefined,
    postgresDefaults: { host: env.PGHOST || undefined, port: env.PGPORT || undefined, database: env.PGDATABASE || undefined, user: env.PGUSER || undefined },
    lang: resolveLang(options.lang, env),
    color: options.color !== false && env.NO_COLOR === undefined,
    verbose: options.verbose === true,
    apiUrl: urlFrom(env, 'CHATWORK_API_URL', DEFAULT_URLS.apiUrl),
    authorizeUrl: urlFrom(env, 'CHATWORK_OAUTH_AUTHORIZE_URL', DEFAULT_URLS.authorizeUrl),
    tokenUrl: urlFrom(env, 'CHATWORK_OAUTH_TOKEN_URL', DEFAULT_URLS.tokenUrl),
    secretStore,
    clientSecret: env.HIMANAGER_CHATWORK_CLIENT_SECRET || undefined,
    headless: isHeadless(env),
    fenceTimings: parseFenceTimings(env[FENCE_TIMINGS_ENV]),
    logFormat: logFormatChoice(options.logFormat, env),
    pingUrl: env.HIMANAGER_CHATWORK_PING_URL || undefined,
    processEnv: env,
  };
}

const LOG_FORMAT_ENV = 'HIMANAGER_CHATWORK_LOG_FORMAT';

/** The log format asked for: the flag wins over the environment; anything but text or json is refused. */
export function logFormatChoice(flag: string | undefined, env: NodeJS.ProcessEnv): LogFormatChoice {
  const value = flag ?? (env[LOG_FORMAT_ENV] || undefined);
  if (value === undefined) return 'auto';
  if (value === 'text' || value === 'json') return value;
  throw new UsageError('error.badLogFormat', { source: flag !== undefined ? '--log-format' : LOG_FORMAT_ENV, value });
}

function urlFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError('error.badUrl', { source: name, value });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UsageError('error.badUrl', { source: name, value });
  }
  return value.replace(/\/+$/, '');
}

/** Cron has no XDG variables; HIMANAGER_CHATWORK_CONFIG_DIR is the reliable way. */
function defaultConfigDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME || homedir();
  switch (platform()) {
    case 'darwin': return join(home, 'Library', 'Preferences', 'himanager-chatwork');
    case 'win32': return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'himanager-chatwork');
    default: return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'himanager-chatwork');
  }
}

function isHeadless(env: NodeJS.ProcessEnv): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return true;
  if (env.CI) return true;
  if (env.container || env.KUBERNETES_SERVICE_HOST) return true;
  if (platform() === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return true;
  return false;
}
