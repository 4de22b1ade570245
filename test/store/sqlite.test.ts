import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/io/clock.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { storeContract } from './contract.js';
import { expectSchema7RowsKept, writeSchema7Rows } from './migration-0008.js';

describe('store contract: SQLite', () => {
  storeContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-store-'));
    return {
      open: (fenceTimings) => openSqliteStore(join(dir, 'state.db'), { clock: systemClock, configDir: dir, fenceTimings }),
      child: { backend: 'sqlite', location: dir },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  });
});

describe('migrations', () => {
  it('applies every migration not yet recorded, even one numbered below the latest applied', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const { sqliteDatabase } = await import('../../src/store/sqlite/database.js');
    const { migrate } = await import('../../src/store/sql/migrate.js');
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-migrate-'));
    try {
      const db = sqliteDatabase(new DatabaseSync(join(dir, 'm.db')), join(dir, 'm.db'));
      const one = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
      const three = { version: 3, name: 'three', sql: 'CREATE TABLE c (x INTEGER);' };
      const two = { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER);' };
      expect(await migrate(db, [one, three], 'm.db')).toBe(3);
      // A branch's version 2 arrives after the store reached 3: it is applied, once.
      expect(await migrate(db, [one, two, three], 'm.db')).toBe(3);
      expect(await migrate(db, [one, two, three], 'm.db')).toBe(3);
      expect((await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual([1, 2, 3]);
      expect(await db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'b'")).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('0008 (rounds) rebuilds delivery_pairs and skips with a round, keeping every row of a store that has data', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const { sqliteDatabase } = await import('../../src/store/sqlite/database.js');
    const { migrate } = await import('../../src/store/sql/migrate.js');
    const { migrations } = await import('../../src/store/sqlite/migrations/index.js');
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-migrate-'));
    try {
      const db = sqliteDatabase(new DatabaseSync(join(dir, 'state.db')), join(dir, 'state.db'));
      expect(await migrate(db, migrations.filter((m) => m.version <= 7), 'state.db')).toBe(7);
      await writeSchema7Rows(db);
      await db.close();
      const store = await openSqliteStore(join(dir, 'state.db'), { clock: systemClock, configDir: dir });
      try {
        await expectSchema7RowsKept(store);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
