import { CONFIG_KEYS, type Config } from '../../domain.js';
import { parseConfig } from '../config-schema.js';
import type { ConfigRepo } from '../store.js';
import type { SqlDatabase, SqlRunner } from './database.js';
import type { AuditChange, AuditWriter } from './audit.js';

/** What the tool remembers for itself, not what an admin set: never audited. */
const NOT_AUDITED = new Set<string>(['alertMemory']);

/** One row per setting, so that two admins changing different settings never collide. */
export function configRepo(db: SqlDatabase, location: string, audit: AuditWriter): ConfigRepo {
  const read = async (runner: SqlRunner): Promise<Config> => {
    const rows = await runner.all<{ key: string; value: string }>('SELECT key, value FROM settings');
    const raw: Record<string, unknown> = {};
    for (const row of rows) raw[row.key] = JSON.parse(row.value);
    return parseConfig(raw, location);
  };
  return {
    get: () => read(db),
    update: (change) => db.transaction(async (tx) => {
      const before = await read(tx);
      const next = structuredClone(before);
      change(next);
      const checked = parseConfig(next, location);
      const changes: AuditChange[] = [];
      for (const key of CONFIG_KEYS) {
        const value = checked[key];
        if (JSON.stringify(value) === JSON.stringify(before[key])) continue;
        if (!NOT_AUDITED.has(key)) changes.push({ action: 'setting.set', subject: key, detail: { before: before[key] ?? null, after: value ?? null } });
        if (value === undefined) await tx.run('DELETE FROM settings WHERE key = ?', [key]);
        else await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
      }
      await audit.write(tx, changes);
      return checked;
    }),
  };
}
