import { closeSync, openSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { CliError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import { migrate } from '../sql/migrate.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../store.js';
import { sqliteDatabase } from './database.js';
import { sqliteError } from './errors.js';
import { assertNotForeign } from './foreign.js';
import { sqliteLocks } from './locks.js';
import { PRODUCTION_FENCE_TIMINGS, type FenceTimings } from '../fence-timings.js';
import { migrations } from './migrations/index.js';

/** The built-in module warns that it is experimental on some Node 22 releases: not the admin's concern. */
async function loadSqlite(): Promise<typeof import('node:sqlite')> {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('SQLite')) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } catch (error) {
    throw new CliError('state.noSqlite', { version: process.versions.node }, { cause: error });
  } finally {
    process.emitWarning = emitWarning;
  }
}

/**
 * state.db in the config dir: WAL, and synchronous=FULL so that every commit (an intent above
 * all) is on disk before the call returns. Created 0600; SQLite gives its -wal and -shm files
 * the same mode.
 */
export async function openSqliteStore(path: string, options: { clock: Clock; configDir: string; fenceTimings?: FenceTimings }): Promise<Store> {
  await mkdir(options.configDir, { recursive: true, mode: 0o700 });
  const { DatabaseSync } = await loadSqlite();
  let raw: InstanceType<typeof DatabaseSync> | undefined;
  try {
    closeSync(openSync(path, 'a', 0o600));
    raw = new DatabaseSync(path, { timeout: 15_000 });
    // Before anything is written (WAL, tables): another program's database is left as it is.
    assertNotForeign(raw, path);
    raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  } catch (error) {
    if (raw?.isOpen) raw.close();
    if (error instanceof CliError) throw error;
    throw sqliteError(error, path);
  }
  const db = sqliteDatabase(raw, path);
  try {
    const schemaVersion = await migrate(db, migrations, path);
    return createSqlStore(db, {
      info: { backend: 'sqlite', location: path, schemaVersion },
      locks: sqliteLocks(db, options.clock, options.configDir, options.fenceTimings ?? PRODUCTION_FENCE_TIMINGS),
      async sizeBytes() {
        return [path, `${path}-wal`].reduce((sum, file) => sum + (statSafe(file)), 0);
      },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
}

function statSafe(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
