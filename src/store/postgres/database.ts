import type { Client, ClientConfig, Pool, PoolClient, QueryResultRow } from 'pg';
import type { SqlDatabase, SqlRunner, SqlValue } from '../sql/database.js';
import { numberPlaceholders } from './placeholders.js';
import { KEEPALIVE } from '../fence-timings.js';
import { asStoreError, isConnectionLost } from './connection-lost.js';

export { numberPlaceholders } from './placeholders.js';

type Pg = (typeof import('pg'))['default'];

/**
 * Advisory lock keys of this tool: one 64-bit number each, the same on every host. A
 * transaction-scoped lock on STATE_WRITES serialises every writing transaction (as SQLite's
 * BEGIN IMMEDIATE does); the others are session locks held on a dedicated connection.
 * 0x686d6377 is "hmcw".
 */
export const LOCK_KEYS = {
  stateWrites: 0x686d6377_00000001n,
  sendReminders: 0x686d6377_00000002n,
  tokenRefresh: 0x686d6377_00000003n,
} as const;

/** A small pool: a CLI run needs one connection at a time, and a lock holds one more of its own. */
const POOL_MAX = 4;
const CONNECT_TIMEOUT_MS = 15_000;
/** A read, or a transaction that never reached COMMIT, is tried again this often on a fresh connection when its connection was lost. */
const LOST_CONNECTION_RETRIES = 2;

let loaded: Promise<Pg> | undefined;
/** pg is loaded only when a postgres URL is used: --version and every SQLite run never pay for it. */
function loadPg(): Promise<Pg> {
  loaded ??= import('pg').then((mod) => mod.default);
  return loaded;
}

/**
 * Counts and epoch milliseconds are BIGINT, and COUNT(*) and SUM() answer BIGINT or NUMERIC:
 * read back as JS numbers, for this pool only (never pg's global parsers). Every value this
 * tool keeps fits in 2^53.
 */
function typeParsers(pg: Pg): NonNullable<ClientConfig['types']> {
  const toNumber = (value: string) => Number(value);
  const numeric = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (numeric.has(oid)) return toNumber;
      return (pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown)(oid, format);
    }) as NonNullable<ClientConfig['types']>['getTypeParser'],
  };
}

/**
 * Every commit, above all an intent, is durable before the call returns, whatever the server's
 * default; and a client frozen inside a transaction (SIGSTOP, a hung host) does not hold the
 * write lock for long: the server ends such a session after 30 s. Our transactions take
 * milliseconds between statements (a restore's batches included); 5 minutes let a stopped run's
 * queued writers block every other host for a quarter of an hour (seen in a chaos run).
 */
const SESSION_SETTINGS = 'SET synchronous_commit = on; SET idle_in_transaction_session_timeout = 30000';
const TRANSACTION_SETTINGS = 'SET LOCAL synchronous_commit = on; SET LOCAL idle_in_transaction_session_timeout = 30000';

export interface PostgresConnection {
  db: SqlDatabase;
  /**
   * A connection of its own, outside the pool, for a session advisory lock: the server
   * releases the lock when this connection dies, with its process or its host.
   */
  dedicatedClient(): Promise<Client>;
  /** Checks that the server answers (used once at open, so a bad URL fails clearly). */
  ping(): Promise<void>;
}

export async function connectPostgres(url: string): Promise<PostgresConnection> {
  const pg = await loadPg();
  const config: ClientConfig = {
    connectionString: url,
    types: typeParsers(pg),
    application_name: 'himanager-chatwork',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  };
  const pool: Pool = new pg.Pool({ ...config, max: POOL_MAX, idleTimeoutMillis: 10_000 });
  // An idle connection that the server drops (restart, pg_terminate_backend) must not crash the
  // process: the pool forgets it and the next query opens another.
  pool.on('error', () => {});
  const clients = new Set<Client>();
  let closed = false;

  const query = async <T extends QueryResultRow>(on: Pool | PoolClient, sql: string, params: SqlValue[] = []) =>
    on.query<T>(numberPlaceholders(sql), params);
  const runnerOn = (on: Pool | PoolClient): SqlRunner => ({
    all: async <T>(sql: string, params?: SqlValue[]) => (await query<QueryResultRow>(on, sql, params)).rows as T[],
    get: async <T>(sql: string, params?: SqlValue[]) => (await query<QueryResultRow>(on, sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await query(on, sql, params)).rowCount ?? 0,
    // No parameters: the simple query protocol, which runs several statements in one call.
    exec: async (sql) => { await on.query(sql); },
  });
  const onPool = runnerOn(pool);
  /** A read whose connection died (a killed session, a failover) is read again; a write's outcome is unknown: the store's error. */
  const retried = async <T>(read: boolean, fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!read || attempt >= LOST_CONNECTION_RETRIES || !isConnectionLost(error)) throw asStoreError(error);
      }
    }
  };
  const poolRunner: SqlRunner = {
    all: (sql, params) => retried(true, () => onPool.all(sql, params)),
    get: (sql, params) => retried(true, () => onPool.get(sql, params)),
    run: (sql, params) => retried(false, () => onPool.run(sql, params)),
    exec: (sql) => retried(false, () => onPool.exec(sql)),
  };

  const transactionOnce = async <T>(fn: (tx: SqlRunner) => Promise<T>, onCommit: () => void): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: a session killed while it is out
    // (between two statements, or after its last) must end in an error of the statement, never
    // in an unhandled 'error' event that ends the process.
    const onError = (error: Error) => { broken ??= error; };
    client.on('error', onError);
    try {
      // One round trip: the transaction, its durability and idle bound (set per transaction,
      // not as startup options, which a pooler such as PgBouncer may refuse), and the writers' lock.
      await client.query(`BEGIN; ${TRANSACTION_SETTINGS}; SELECT pg_advisory_xact_lock(${LOCK_KEYS.stateWrites})`);
      const result = await fn(runnerOn(client));
      onCommit();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        if (!broken) await client.query('ROLLBACK');
      } catch (rollback) {
        // The connection is gone or unusable: the pool must not hand it out again.
        broken = rollback as Error;
      }
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  };

  const db: SqlDatabase = {
    dialect: 'postgres',
    ...poolRunner,
    async transaction(fn) {
      // Lost before COMMIT left, the server rolled it back: run again on a fresh connection.
      // Lost during COMMIT, its outcome is unknown: the store's error, never a second try.
      for (let attempt = 0; ; attempt++) {
        let committing = false;
        try {
          return await transactionOnce(fn, () => { committing = true; });
        } catch (error) {
          if (committing || attempt >= LOST_CONNECTION_RETRIES || !isConnectionLost(error)) throw asStoreError(error);
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...clients].map((client) => client.end().catch(() => {})));
      clients.clear();
      await pool.end();
    },
  };

  return {
    db,
    async dedicatedClient() {
      // TCP keepalives from our side too: a lock holder notices a dead server or network.
      const client = new pg.Client({ ...config, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE.idleS * 1000 });
      // A lock connection that dies is noticed by its user's next query; the error event alone
      // must not crash the process.
      client.on('error', () => {});
      await client.connect();
      await client.query(SESSION_SETTINGS);
      clients.add(client);
      const end = client.end.bind(client);
      client.end = (async () => {
        clients.delete(client);
        await end();
      }) as typeof client.end;
      return client;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
