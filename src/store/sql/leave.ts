import type { LeavePeriod, LeaveRepo } from '../repos/leave.js';
import type { SqlDatabase, SqlRunner } from './database.js';
import { inBatches, placeholders } from './batches.js';

interface LeaveRow { user_id: string; source: LeavePeriod['source']; from_date: string; until_date: string | null; reason: string | null; set_at: string; set_by: string }

const COLUMNS = 'user_id, source, from_date, until_date, reason, set_at, set_by';

const toPeriod = (row: LeaveRow): LeavePeriod => ({
  userId: row.user_id, from: row.from_date, ...(row.until_date ? { until: row.until_date } : {}), ...(row.reason ? { reason: row.reason } : {}),
  source: row.source, setAt: row.set_at, setBy: row.set_by,
});

const write = (tx: SqlRunner, p: LeavePeriod) => tx.run(`INSERT INTO leave_periods (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (user_id, source) DO UPDATE SET from_date = excluded.from_date, until_date = excluded.until_date, reason = excluded.reason,
    set_at = excluded.set_at, set_by = excluded.set_by`,
[p.userId, p.source, p.from, p.until ?? null, p.reason ?? null, p.setAt, p.setBy]);

/** Leave periods (migration 0009), the same on both backends. */
export function leaveRepo(db: SqlDatabase): LeaveRepo {
  return {
    all: async () => (await db.all<LeaveRow>(`SELECT ${COLUMNS} FROM leave_periods ORDER BY user_id, source`)).map(toPeriod),
    async byUserIds(userIds) {
      const found = new Map<string, LeavePeriod[]>();
      await inBatches([...new Set(userIds)], async (batch) => {
        const rows = await db.all<LeaveRow>(`SELECT ${COLUMNS} FROM leave_periods WHERE user_id IN (${placeholders(batch)}) ORDER BY user_id, source`, batch);
        for (const row of rows) found.set(row.user_id, [...(found.get(row.user_id) ?? []), toPeriod(row)]);
      });
      return found;
    },
    set: (period) => db.transaction(async (tx) => { await write(tx, period); }),
    clear: (userId) => db.transaction((tx) => tx.run('DELETE FROM leave_periods WHERE user_id = ?', [userId])),
    replaceDirectory: (periods) => db.transaction(async (tx) => {
      await tx.run("DELETE FROM leave_periods WHERE source = 'directory'");
      for (const period of periods) await write(tx, { ...period, source: 'directory' });
    }),
  };
}
