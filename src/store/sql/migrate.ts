import { CliError } from '../../errors.js';
import type { Migration, SqlDatabase } from './database.js';

/**
 * Brings the schema up to date in one transaction, recorded in schema_migrations. A store
 * written by a newer version of this tool is refused before anything is written.
 */
export async function migrate(db: SqlDatabase, migrations: Migration[], location: string): Promise<number> {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  return db.transaction(async (tx) => {
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const row = await tx.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = Number(row?.version ?? 0);
    if (current > latest) throw new CliError('state.newerSchema', { location, found: current, known: latest });
    for (const migration of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
    }
    return latest;
  });
}
