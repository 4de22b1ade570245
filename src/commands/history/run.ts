import { calendarOf } from '../../calendar/calendar.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { catalog, type MessageKey } from '../../i18n/catalog.js';
import { csvSafeCell } from '../../io/csv-safe.js';
import { parseWhen } from '../../state/dates.js';
import type { HistoryQuery, HistoryStatus } from '../../store/store.js';
import { parseType } from '../shared/parse.js';
import { TOO_LONG } from '../../delivery/too-long.js';

export interface HistoryOptions {
  user?: string; reminder?: string; type?: string; since?: string; until?: string; status?: string; limit?: string; json?: boolean; csv?: boolean;
}

const STATUSES: HistoryStatus[] = ['delivered', 'failed', 'skipped', 'deferred', 'in-flight', 'recalled', 'withdrawn'];
const COLUMNS = ['at', 'reminderId', 'type', 'userId', 'userName', 'roomId', 'status', 'messageId', 'reason'] as const;

/** One line per delivery and recipient, newest first: "did 佐藤さん get last week's reminder?" */
export async function run(options: HistoryOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  if (options.json && options.csv) throw new UsageError('history.jsonOrCsv');
  const store = await deps.stores.state();
  const { timeZone } = calendarOf(await store.config.get());
  const query: HistoryQuery = {};
  if (options.user) query.userId = (await store.users.find(options.user))?.id ?? options.user;
  if (options.reminder) query.reminderId = options.reminder;
  if (options.type) query.type = parseType(options.type);
  if (options.since) query.since = parseWhen(options.since, '--since', clock.now(), timeZone);
  if (options.until) query.until = parseWhen(options.until, '--until', clock.now(), timeZone);
  if (options.status) {
    if (!STATUSES.includes(options.status as HistoryStatus)) throw new UsageError('history.badStatus', { value: options.status, valid: STATUSES.join(', ') });
    query.status = options.status as HistoryStatus;
  }
  const limit = options.limit === undefined ? (options.json || options.csv ? 0 : 100) : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('history.badLimit', { value: options.limit ?? '' });
  query.limit = limit;

  if (options.csv) io.out(COLUMNS.join(','));
  let count = 0;
  for await (const row of store.history.query(query)) {
    count += 1;
    const when = deps.time.iso(row.at);
    if (options.json) io.out(JSON.stringify({ ...row, at: when }));
    else if (options.csv) io.out(COLUMNS.map((key) => csvCell(key === 'at' ? when : String(row[key] ?? ''))).join(','));
    else {
      io.out(t('history.line', {
        at: row.at, id: row.reminderId, type: row.type ? t(`type.${row.type}` as MessageKey) : '-', user: `${row.userName ?? ''} (${row.userId})`,
        room: row.roomId ?? '-', status: t(`history.status.${row.status}` as MessageKey), message: row.messageId ?? '-', reason: reasonInWords(row.reason, t),
      }));
    }
  }
  if (!options.json && !options.csv) io.err(t(count === limit && limit > 0 ? 'history.moreMaybe' : 'history.count', { count }));
}

/** A skip's or withdrawal's reason in the reader's language; --json and --csv keep the stored code. */
function reasonInWords(reason: string | undefined, t: Deps['t']): string {
  if (!reason) return '';
  if (reason === TOO_LONG) return t('history.reason.tooLong');
  const key = `skip.${reason}`;
  return key in catalog ? t(key as MessageKey) : reason;
}

function csvCell(value: string): string {
  const safe = csvSafeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
