import { z } from 'zod';
import { CliError } from '../../errors/index.js';
import { MOVED_SETTING, type MovedMarker, type MovedRepo } from '../repos/moved.js';
import type { SqlDatabase } from './database.js';

const markerSchema = z.object({ location: z.string().min(1), at: z.number().int(), host: z.string(), runId: z.string() });

/** The moved marker as one settings row (no schema change): JSON, like every setting. */
export function movedRepo(db: SqlDatabase, location: string): MovedRepo {
  return {
    async get() {
      const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [MOVED_SETTING]);
      if (!row) return undefined;
      const parsed = markerSchema.safeParse(JSON.parse(row.value));
      if (!parsed.success) throw new CliError('state.invalidSetting', { location, field: MOVED_SETTING, reason: parsed.error.issues[0]!.message });
      return parsed.data satisfies MovedMarker;
    },
    set: (marker) => db.transaction(async (tx) => {
      await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [MOVED_SETTING, JSON.stringify(markerSchema.parse(marker))]);
    }),
    clear: () => db.transaction(async (tx) => {
      await tx.run('DELETE FROM settings WHERE key = ?', [MOVED_SETTING]);
    }),
  };
}
