import { calendarOf } from '../../calendar/calendar.js';
import type { Deps } from '../../deps/deps.js';
import { UsageError, type Message } from '../../errors/index.js';
import type { HiManagerUser } from '../../domain.js';
import { parseCsvHeaderMode } from '../../io/csv-headers.js';
import { parseWhen } from './shared/dates.js';
import type { HistoryQuery, HistoryRow, HistoryStatus, Store } from '../../store/store.js';
import { parseType } from '../shared/parse.js';
import { findUser } from './find-user.js';
import { csvHead, csvLine, lineOf, tableOf } from './render.js';

export interface HistoryOptions {
  user?: string; reminder?: string; type?: string; since?: string; until?: string; status?: string; limit?: string;
  json?: boolean; csv?: boolean; csvHeaders?: string;
}

const STATUSES: HistoryStatus[] = ['delivered', 'failed', 'skipped', 'deferred', 'in-flight', 'recalled', 'withdrawn'];

/** One line per delivery and recipient, newest first: "did 田中さん get last week's reminder?" */
export async function run(options: HistoryOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  if (options.json && options.csv) throw new UsageError('history.jsonOrCsv');
  const headers = parseCsvHeaderMode(options.csvHeaders);
  const store = await deps.stores.state();
  const { timeZone } = calendarOf(await store.config.get());
  const query: HistoryQuery = {};
  if (options.user) query.userId = await whoIs(options.user, store);
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

  const iso = (at: number) => deps.time.iso(at);
  if (options.csv) io.out(csvHead(headers, deps.env.lang));
  // A terminal gets aligned columns under a header: the page (--limit, 100 by default) is held to measure them.
  const table: HistoryRow[] | undefined = !options.json && !options.csv && io.stdoutIsTTY ? [] : undefined;
  let count = 0;
  for await (const row of store.history.query(query)) {
    count += 1;
    if (options.json) io.out(JSON.stringify({ ...row, at: iso(row.at), ...(row.until !== undefined ? { until: iso(row.until) } : {}) }));
    else if (options.csv) io.out(csvLine(row, iso));
    else if (table) table.push(row);
    else io.out(lineOf(row, t));
  }
  if (table?.length) await io.lines(tableOf(table, t));
  if (!options.json && !options.csv) io.err(t(count === limit && limit > 0 ? 'history.moreMaybe' : 'history.shown', { count }));
}

/**
 * The user id --user names: an id, e-mail, name or reading. Several people: listed, exit 2.
 * Nobody: exit 2 with the nearest names, unless the id has history of its own (a person who
 * has since left the directory).
 */
async function whoIs(reference: string, store: Store): Promise<string> {
  const match = findUser(reference, await store.users.all());
  if (match.kind === 'one') return match.user.id;
  if (match.kind === 'many') {
    throw new UsageError('history.userAmbiguous', { value: reference, count: match.users.length }, { details: match.users.map(candidate) });
  }
  for await (const row of store.history.query({ userId: reference.trim(), limit: 1 })) return row.userId;
  const details: Message[] = match.nearest.length ? [{ key: 'history.userNearest' }, ...match.nearest.map(candidate)] : [];
  throw new UsageError('history.userUnknown', { value: reference }, { details });
}

function candidate(user: HiManagerUser): Message {
  return { key: 'history.userCandidate', params: { name: user.name, id: user.id, email: user.email, department: user.department ?? '' } };
}
