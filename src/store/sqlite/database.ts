import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SqlDatabase, SqlRunner, SqlValue } from '../sql/database.js';
import { sqliteError } from './errors.js';

/**
 * node:sqlite is synchronous and one connection serves the whole process, so every use goes
 * through one queue: a transaction is never interleaved with another caller's statements.
 */
export function sqliteDatabase(db: DatabaseSync, path: string): SqlDatabase {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T> | T): Promise<T> => {
    const guarded = async () => {
      try {
        return await work();
      } catch (error) {
        throw sqliteError(error, path);
      }
    };
    const next = queue.then(guarded, guarded);
    queue = next.catch(() => undefined);
    return next;
  };
  // Statements are compiled once and kept: the same few SQL texts run thousands of times.
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, statement = db.prepare(sql));
    return statement;
  };
  const runner: SqlRunner = {
    all: async <T>(sql: string, params: SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) => prepare(sql).get(...params) as T | undefined,
    run: async (sql, params = []) => Number(prepare(sql).run(...params).changes),
    exec: async (sql) => { db.exec(sql); },
  };
  return {
    dialect: 'sqlite',
    all: (sql, params) => serial(() => runner.all(sql, params)),
    get: (sql, params) => serial(() => runner.get(sql, params)),
    run: (sql, params) => serial(() => runner.run(sql, params)),
    exec: (sql) => serial(() => runner.exec(sql)),
    transaction: (fn) => serial(async () => {
      // IMMEDIATE takes the write lock at once: two processes never both read-then-write.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(runner);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }),
    close: () => serial(() => { statements.clear(); if (db.isOpen) db.close(); }),
  };
}
