import { calendarOf } from '../../../calendar/calendar.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { csvSafeCell } from '../../../io/csv-safe.js';
import { parseWhen } from '../shared/dates.js';
import type { ListedRun, RunQuery } from '../../../store/store.js';

export interface HistoryRunsOptions { since?: string; until?: string; command?: string; limit?: string; json?: boolean; csv?: boolean }

const COLUMNS = ['endedAt', 'startedAt', 'command', 'exitCode', 'host', 'pid', 'version', 'runId', 'counts'] as const;

/** "Did last night's run happen?": one line per run on record, newest first, from any host. */
export async function run(options: HistoryRunsOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  if (options.json && options.csv) throw new UsageError('history.jsonOrCsv');
  const store = await deps.stores.state();
  const { timeZone } = calendarOf(await store.config.get());
  const query: RunQuery = {};
  if (options.since) query.since = parseWhen(options.since, '--since', clock.now(), timeZone);
  if (options.until) query.until = parseWhen(options.until, '--until', clock.now(), timeZone);
  if (options.command) query.command = options.command.trim().replace(/\s+/g, ' ');
  const limit = options.limit === undefined ? (options.json || options.csv ? 0 : 100) : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('history.badLimit', { value: options.limit ?? '' });
  query.limit = limit;
  const runs = await store.runs.list(query);
  const cells = (r: ListedRun) => ({
    endedAt: deps.time.iso(r.endedAt), startedAt: deps.time.iso(r.startedAt), command: r.command, exitCode: r.exitCode,
    host: r.host, pid: r.pid, version: r.version, runId: r.runId, counts: r.counts,
  });
  if (options.csv) io.out(COLUMNS.join(','));
  for (const r of runs) {
    const row = cells(r);
    if (options.json) io.out(JSON.stringify(row));
    else if (options.csv) io.out(COLUMNS.map((key) => csvCell(key === 'counts' ? JSON.stringify(row.counts) : String(row[key] ?? ''))).join(','));
    else io.out(t('history.runs.line', { at: r.endedAt, command: r.command, code: r.exitCode, counts: countsText(r.counts), host: r.host ?? '-', runId: r.runId ?? '-' }));
  }
  if (!options.json && !options.csv) io.err(t(runs.length === limit && limit > 0 ? 'history.moreMaybe' : 'history.runs.count', { count: runs.length }));
}

/** `delivered=8 failed=0 skipReasons.unlinked=1`: flat, for a line. */
function countsText(counts: ListedRun['counts']): string {
  const parts = Object.entries(counts).flatMap(([key, value]) => (typeof value === 'number' ? [`${key}=${value}`]
    : Object.entries(value).map(([sub, n]) => `${key}.${sub}=${n}`)));
  return parts.join(' ') || '-';
}

function csvCell(value: string): string {
  const safe = csvSafeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
