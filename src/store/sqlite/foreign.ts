import type { DatabaseSync } from 'node:sqlite';
import { CliError } from '../../errors/index.js';

/**
 * Refuses a SQLite file that holds tables but not our schema_migrations (version 1 'initial'):
 * another program's database given as --state. Only reads, so the file is left byte for byte
 * as it was: no table created, no switch to WAL. An empty file, or one with no tables, is ours
 * to set up.
 */
export function assertNotForeign(db: DatabaseSync, path: string): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[])
    .map((row) => row.name);
  if (tables.length === 0) return;
  if (tables.includes('schema_migrations')) {
    const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('schema_migrations')").all() as { name: string }[]).map((c) => c.name));
    if (columns.has('name') && columns.has('applied_at')) {
      const first = db.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as { name: string } | undefined;
      if (first?.name === 'initial') return;
    }
  }
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  throw new CliError('state.foreignSqlite', { path, tables: shown });
}
