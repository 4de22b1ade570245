import { CliError } from '../../errors/index.js';
import type { Migration, SqlDatabase, SqlRunner } from './database.js';

const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Brings the schema up to date in one transaction, recorded in schema_migrations. A store
 * written by a newer version of this tool is refused before anything is written. Every
 * migration not yet recorded is applied, in order, even one numbered below the latest applied:
 * two branches may each add one (a store at 3 still gets a 2 that arrives later).
 *
 * Nothing is created in a database that holds a table of one of our names but not our
 * schema_migrations (another program's): that is refused naming the tables. A store already
 * up to date runs no DDL at all, so a role without CREATE can use one that its owner set up.
 */
export async function migrate(db: SqlDatabase, migrations: Migration[], location: string): Promise<number> {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  try {
    return await db.transaction(async (tx) => {
      const existing = await tablesIn(tx, db.dialect);
      if (!(await isOurs(tx, db.dialect, existing, migrations.find((m) => m.version === 1)?.name))) {
        const ours = [MIGRATIONS_TABLE, ...migrations.flatMap((m) => [...m.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((match) => match[1]!.toLowerCase()))];
        const clash = ours.filter((name) => existing.has(name));
        if (clash.length) throw new CliError('state.tableClash', { location, tables: clash.join(', ') });
        await tx.exec(`CREATE TABLE ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      }
      const applied = new Set((await tx.all<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE}`)).map((r) => Number(r.version)));
      const current = Math.max(0, ...applied);
      if (current > latest) throw new CliError('state.newerSchema', { location, found: current, known: latest });
      for (const migration of migrations.filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version)) {
        await tx.exec(migration.sql);
        await tx.run(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [migration.version, migration.name, new Date().toISOString()]);
      }
      return latest;
    });
  } catch (error) {
    throw await migrationError(error, db, location);
  }
}

/** Tables (and views) of the schema the store uses, lower-cased. */
async function tablesIn(tx: SqlRunner, dialect: SqlDatabase['dialect']): Promise<Set<string>> {
  const rows = dialect === 'sqlite'
    ? await tx.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    : await tx.all<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p', 'm', 'f')`);
  return new Set(rows.map((row) => row.name.toLowerCase()));
}

/** Our schema_migrations: the one with a name column, whose version 1 has our first migration's name (another tool's has neither). */
async function isOurs(tx: SqlRunner, dialect: SqlDatabase['dialect'], existing: Set<string>, firstName: string | undefined): Promise<boolean> {
  if (!existing.has(MIGRATIONS_TABLE)) return false;
  const columns = dialect === 'sqlite'
    ? await tx.all<{ name: string }>(`SELECT name FROM pragma_table_info('${MIGRATIONS_TABLE}')`)
    : await tx.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${MIGRATIONS_TABLE}'`);
  const names = new Set(columns.map((c) => c.name));
  if (!['version', 'name', 'applied_at'].every((name) => names.has(name))) return false;
  const first = await tx.get<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} WHERE version = 1`);
  return first === undefined || first.name === firstName;
}

/** A clash or a missing privilege named, not "unexpected error". */
async function migrationError(error: unknown, db: SqlDatabase, location: string): Promise<unknown> {
  if (error instanceof CliError) return error;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (db.dialect === 'postgres' && code === '42501') {
    const who = await db.get<{ role: string; schema: string | null }>('SELECT current_user AS role, current_schema() AS schema').catch(() => undefined);
    return new CliError('state.pgNoCreate', { location, role: who?.role ?? '?', schema: who?.schema ?? 'public', reason: message ?? '' }, { cause: error });
  }
  if (code === '42P07' || /already exists/i.test(message ?? '')) {
    return new CliError('state.tableClash', { location, tables: /"?(\w+)"? already exists/i.exec(message ?? '')?.[1] ?? '?' }, { cause: error });
  }
  return error;
}
