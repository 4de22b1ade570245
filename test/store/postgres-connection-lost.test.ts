import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/errors/index.js';
import { asStoreError, isConnectionLost } from '../../src/store/postgres/connection-lost.js';
import { connectPostgres, type PostgresConnection } from '../../src/store/postgres/database.js';
import { freshDatabase, postgres, type TestDatabase } from '../helpers/postgres.js';

/**
 * A PostgreSQL session killed under the store (pg_terminate_backend, as a lock-session kill, a
 * pooler restart or a failover does): never an unhandled 'error' event that ends the process.
 * A transaction that had not reached COMMIT runs again on a fresh connection; a read is read
 * again; what cannot be retried is the store's own error (exit 1), never a raw driver error.
 */
describe('which errors are a lost connection', () => {
  const withCode = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
  it('a session the server ended, a dead socket, a client no longer queryable; not a statement\'s own error', () => {
    for (const error of [withCode('terminating connection due to administrator command', '57P01'), withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('Connection terminated unexpectedly'), withCode('Client has encountered a connection error and is not queryable'), withCode('x', '08006')]) {
      expect(isConnectionLost(error), error.message).toBe(true);
      const mapped = asStoreError(error);
      expect(mapped).toBeInstanceOf(CliError);
      expect((mapped as CliError).key).toBe('state.pgLost');
      expect((mapped as CliError).exitCode).toBe(ExitCode.error);
    }
    for (const error of [withCode('duplicate key', '23505'), withCode('syntax error', '42601'), new TypeError('x')]) {
      expect(isConnectionLost(error)).toBe(false);
      expect(asStoreError(error)).toBe(error);
    }
  });
});

describe.skipIf(!postgres.available)('a session killed under the store', () => {
  let database: TestDatabase;
  let connection: PostgresConnection;
  const unhandled: unknown[] = [];
  const onUncaught = (error: unknown) => { unhandled.push(error); };
  beforeEach(async () => {
    database = await freshDatabase();
    connection = await connectPostgres(database.url);
    await connection.db.exec('CREATE TABLE t (x INTEGER)');
    unhandled.length = 0;
    process.on('uncaughtException', onUncaught);
  });
  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    await connection.db.close();
    await database.drop();
  });

  /** Ends a backend, and waits until the server no longer lists it. */
  async function kill(pid: number) {
    await database.query('SELECT pg_terminate_backend($1)', [pid]);
    while ((await database.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length) await new Promise((resolve) => setTimeout(resolve, 10));
    // Let the client read the server's goodbye and the socket's close before it is used again.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  it('inside an open transaction, between two statements: no unhandled error; the transaction runs again on a fresh connection and commits once', async () => {
    const pids: number[] = [];
    let killed: Promise<void> | undefined;
    const result = await connection.db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      pids.push(Number((await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid));
      // The first attempt's session is killed while the transaction is open and idle.
      if (pids.length === 1) await (killed = kill(pids[0]!));
      await tx.run('INSERT INTO t VALUES (2)');
      return pids.length;
    });
    await killed;
    expect(result).toBe(2);
    expect(pids[1]).not.toBe(pids[0]);
    expect(await connection.db.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
    expect(unhandled).toEqual([]);
  });

  it('every pooled session killed: the next read is read again on a fresh connection; a later transaction works', async () => {
    const pid = Number((await connection.db.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid);
    await kill(pid);
    expect(await connection.db.get('SELECT 1 AS x')).toEqual({ x: 1 });
    await connection.db.transaction((tx) => tx.run('INSERT INTO t VALUES (3)'));
    expect(await connection.db.all('SELECT x FROM t')).toEqual([{ x: 3 }]);
    expect(unhandled).toEqual([]);
  });

  it('a transaction whose session keeps dying: the store\'s own error (exit 1), not a driver error', async () => {
    const error = await connection.db.transaction(async (tx) => {
      await kill(Number((await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid));
      await tx.run('INSERT INTO t VALUES (4)');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).key).toBe('state.pgLost');
    expect(await connection.db.all('SELECT x FROM t')).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
