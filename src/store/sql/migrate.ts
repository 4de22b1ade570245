import { CliError } from '../../errors.js';
import type { Migration, SqlDatabase } from './database.js';

/**
 * Brings the schema up to date in one transaction, recorded in schema_migrations. A store
 * written by a newer version of this tool is refused before anything is written. Every
 * migration not yet recorded is applied, in order, even one numbered below the latest applied:
 * two branches may each add one (a store at 3 still gets a 2 that arrives later).
 */
export async function migrate(db: SqlDatabase, migrations: Migration[], location: string): Promise<number> {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  return db.transaction(async (tx) => {
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const current = Math.max(0, ...applied);
    if (current > latest) throw new CliError('state.newerSchema', { location, found: current, known: latest });
    for (const migration of migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version)) {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
    }
    return latest;
  });
}
