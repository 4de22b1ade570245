import type { ListedRun, RunCounts, RunQuery, RunRecords } from '../repos/runs.js';
import type { SqlDatabase, SqlValue } from './database.js';

interface RunRow {
  run_id: string | null; command: string | null; host: string | null; pid: number | string | null; version: string | null;
  at: number | string; started_at: number | string; exit_code: number | string; counts: string | null;
  delivered: number | string; failed: number | string; skipped: number | string; deferred: number | string; in_window: number | string | null;
}

const COLUMNS = 'run_id, command, host, pid, version, at, started_at, exit_code, counts, delivered, failed, skipped, deferred, in_window';
/** Rows written before migration 0005 were all send-reminders runs. */
const commandIs = (command: string): { sql: string; params: SqlValue[] } => (command === 'send-reminders'
  ? { sql: "(command = ? OR command IS NULL)", params: [command] } : { sql: 'command = ?', params: [command] });

/**
 * The runs table: a row per finished run, written once at its end (a run that never ended has
 * none; `doctor` then sees no recent run). The delivered/failed/skipped/deferred columns of
 * before stay filled for send-reminders, so doctor's checks read old and new rows alike.
 */
export function runRecords(db: SqlDatabase): RunRecords {
  const number = (counts: RunCounts, key: string) => (typeof counts[key] === 'number' ? counts[key] : 0);
  return {
    record: (run) => db.transaction(async (tx) => {
      // Only the latest run's reach is ever asked for: older lists go, the store stays small.
      if (run.reached) await tx.run('UPDATE runs SET reached = NULL WHERE reached IS NOT NULL');
      await tx.run(`INSERT INTO runs (run_id, command, host, pid, version, at, started_at, exit_code, counts, reached, delivered, failed, skipped, deferred, in_window)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING`,
      [run.runId, run.command, run.host, run.pid, run.version, run.endedAt, run.startedAt, run.exitCode, JSON.stringify(run.counts),
        run.reached ? JSON.stringify(run.reached) : null, number(run.counts, 'delivered'), number(run.counts, 'failed'),
        number(run.counts, 'skipped'), number(run.counts, 'deferred'), run.inWindow === undefined ? null : run.inWindow ? 1 : 0]);
    }),
    async list(query: RunQuery = {}) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (query.since !== undefined) { where.push('at >= ?'); params.push(query.since); }
      if (query.until !== undefined) { where.push('at <= ?'); params.push(query.until); }
      if (query.command) { const c = commandIs(query.command); where.push(c.sql); params.push(...c.params); }
      const limit = query.limit && query.limit > 0 ? ` LIMIT ${Math.floor(query.limit)}` : '';
      const rows = await db.all<RunRow>(`SELECT ${COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC${limit}`, params);
      return rows.map(toListed);
    },
    async lastFinished(command) {
      const c = commandIs(command);
      const row = await db.get<RunRow>(`SELECT ${COLUMNS} FROM runs WHERE ${c.sql} ORDER BY at DESC, id DESC LIMIT 1`, c.params);
      return row ? toListed(row) : undefined;
    },
    async reachedAtLastRun() {
      const row = await db.get<{ reached: string }>('SELECT reached FROM runs WHERE reached IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1');
      return row ? new Set(JSON.parse(row.reached) as string[]) : undefined;
    },
  };
}

function toListed(row: RunRow): ListedRun {
  // A row from before 0005 has its counts in columns only.
  const counts: RunCounts = row.counts ? JSON.parse(row.counts) as RunCounts
    : { delivered: Number(row.delivered), failed: Number(row.failed), skipped: Number(row.skipped), deferred: Number(row.deferred) };
  return {
    ...(row.run_id ? { runId: row.run_id } : {}), command: row.command ?? 'send-reminders',
    ...(row.host ? { host: row.host } : {}), ...(row.pid !== null ? { pid: Number(row.pid) } : {}), ...(row.version ? { version: row.version } : {}),
    startedAt: Number(row.started_at), endedAt: Number(row.at), exitCode: Number(row.exit_code), counts,
    ...(row.in_window === null ? {} : { inWindow: Number(row.in_window) === 1 }),
  };
}
