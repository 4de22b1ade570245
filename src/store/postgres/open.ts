import { CliError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import { migrate } from '../sql/migrate.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../store.js';
import { connectPostgres } from './database.js';
import { postgresLocks, type PostgresLockOptions } from './locks.js';
import { migrations } from './migrations/index.js';
import { encryptedSecrets } from './secrets.js';

/** Query parameters that may carry a password (libpq's and pg's names). */
const SECRET_PARAMS = ['password', 'sslpassword'];

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new CliError('state.pgBadUrl', {});
  }
}

/** The URL without its password, in the userinfo or in the query: safe to print. */
export function safeLocation(url: string): string {
  const parsed = parseUrl(url);
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.includes(name.toLowerCase())) parsed.searchParams.delete(name);
  }
  return parsed.toString();
}

/** What libpq's PGHOST, PGPORT, PGDATABASE and PGUSER say (env.ts reads them): pg uses them where the URL is silent. */
export interface PostgresDefaults { host?: string; port?: string; database?: string; user?: string }

/** host:port/database, as pg will connect to it: what a connection error names. */
export function connectTarget(url: string, defaults: PostgresDefaults = {}): string {
  const parsed = parseUrl(url);
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || defaults.host || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || defaults.port || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || parsed.searchParams.get('dbname')
    || defaults.database || decodeURIComponent(parsed.username) || defaults.user || '?';
  return `${host}:${port}/${database}`;
}

/** What went wrong, in the driver's words, with any trace of the password taken out. */
function reasonOf(error: unknown, url: string): string {
  const raw = error instanceof Error ? [(error as { code?: string }).code, error.message].filter(Boolean).join(': ') : String(error);
  let reason = raw || 'unknown error';
  const parsed = parseUrl(url);
  const passwords = [parsed.password, ...SECRET_PARAMS.flatMap((name) => parsed.searchParams.getAll(name))]
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [secret, decodeURIComponent(secret)]);
  for (const secret of passwords) reason = reason.split(secret).join('***');
  return reason;
}

export interface PostgresStoreOptions extends PostgresLockOptions {
  clock: Clock;
  /** The state key (32 bytes, base64 or hex): HIMANAGER_CHATWORK_STATE_KEY, as env.ts read it. Checked when a secret is first used. */
  key?: string;
  /** The PG* variables, for naming the server a failed connection was meant for. */
  defaults?: PostgresDefaults;
}

/**
 * The shared store in PostgreSQL: the same repositories as SQLite over a small pool, write
 * transactions serialised by an advisory lock, locks that die with their holder's connection,
 * and the secrets encrypted under a key that never enters the database.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
  const location = safeLocation(url);
  const connection = await connectPostgres(url);
  try {
    await connection.ping();
  } catch (error) {
    await connection.db.close().catch(() => {});
    throw new CliError('state.pgConnect', { target: connectTarget(url, options.defaults), reason: reasonOf(error, url) });
  }
  const { db } = connection;
  try {
    const schemaVersion = await migrate(db, migrations, location);
    return createSqlStore(db, {
      info: { backend: 'postgres', location, schemaVersion },
      locks: postgresLocks(db, options.clock, connection.dedicatedClient, options),
      secrets: encryptedSecrets(db, options.clock, options.key, location),
      async sizeBytes() {
        return Number((await db.get<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))!.n);
      },
    });
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
