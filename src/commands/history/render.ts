import type { Deps } from '../../deps/deps.js';
import { TOO_LONG } from '../../delivery/too-long.js';
import { catalog, type MessageKey } from '../../i18n/catalog.js';
import { CSV_BOM, csvHeaderRow, csvWantsBom, HISTORY_CSV, type CsvHeaderMode } from '../../io/csv-headers.js';
import { csvSafeCell } from '../../io/csv-safe.js';
import { tableLines } from '../../io/table.js';
import type { HistoryRow } from '../../store/store.js';
import { roundName } from '../shared/round-name.js';

type T = Deps['t'];

/** The columns a person reads on a terminal, in the UI language. */
const HEADS: MessageKey[] = ['history.head.at', 'history.head.type', 'history.head.user', 'history.head.status', 'history.head.reason',
  'history.head.room', 'history.head.reminder', 'history.head.message'];

/** A header and aligned columns (display width: a kanji takes two cells), for a terminal. */
export function tableOf(rows: HistoryRow[], t: T): Iterable<string> {
  return tableLines(HEADS.map((key) => t(key)), rows.map((row) => [
    t('history.at', { at: row.at }), typeName(row, t), userCell(row), t(`history.status.${row.status}` as MessageKey),
    detailInWords(row, t), row.roomId === undefined ? '-' : String(row.roomId), row.reminderId, row.messageId ?? '-',
  ]));
}

/** One line per row, for a pipe or a log (greppable, no padding). */
export function lineOf(row: HistoryRow, t: T): string {
  return t('history.line', {
    at: row.at, id: row.reminderId, type: typeName(row, t), user: userCell(row), room: row.roomId ?? '-',
    status: t(`history.status.${row.status}` as MessageKey), message: row.messageId ?? '-', reason: detailInWords(row, t),
  });
}

/** The header of the CSV; a BOM first when it is written for Excel. */
export function csvHead(mode: CsvHeaderMode, lang: 'ja' | 'en'): string {
  // Excel in Japan needs the BOM; an English UI gets the plain file it always had.
  return (csvWantsBom(mode) && lang === 'ja' ? CSV_BOM : '') + csvHeaderRow(HISTORY_CSV, mode, lang).map(csvCell).join(',');
}

/** Codes and ISO times: a CSV is read by machines too; every cell formula-safe. */
export function csvLine(row: HistoryRow, iso: (at: number) => string): string {
  const cells: Record<string, string> = {
    ...Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value ?? '')])),
    at: iso(row.at), until: row.until === undefined ? '' : iso(row.until),
  };
  return HISTORY_CSV.map((column) => csvCell(cells[column.name] ?? '')).join(',');
}

function csvCell(value: string): string {
  const safe = csvSafeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The type, and the round when it is not the first message: 「サーベイ（期限の1日前）」. */
function typeName(row: HistoryRow, t: T): string {
  const type = row.type ? t(`type.${row.type}` as MessageKey).replace(/ \(.*\)$/, '') : '-';
  return row.round ? t('history.typeRound', { type, round: roundName(t, row.round) }) : type;
}

function userCell(row: HistoryRow): string {
  return row.userName ? `${row.userName} (${row.userId})` : row.userId;
}

/** Why, in words: a held row says until when it waits; a skip's or failure's code becomes a sentence. */
export function detailInWords(row: HistoryRow, t: T): string {
  if (row.status === 'deferred' && row.until !== undefined) return t('history.heldUntil', { until: row.until });
  const reason = row.reason;
  if (!reason) return '';
  if (reason === TOO_LONG) return t('history.reason.tooLong');
  const key = `skip.${reason}`;
  if (key in catalog) return t(key as MessageKey);
  // What the sender recorded when it could not tell whether a message went out.
  if (reason.startsWith('ambiguous:')) return t('history.reason.unconfirmed');
  if (reason === 'stopped' || reason === 'window-closed') return t(`history.reason.${reason}` as MessageKey);
  // A failure the ledger keeps as Chatwork answered it (`HTTP 403: …`): said by its status, the English text left to --json.
  const http = /^HTTP (\d{3})\b/.exec(reason);
  if (http) return t(httpReasonKey(Number(http[1])), { status: http[1]! });
  return t('history.reason.other', { detail: reason });
}

function httpReasonKey(status: number): MessageKey {
  if (status === 401) return 'history.reason.http401';
  if (status === 403) return 'history.reason.http403';
  if (status === 404) return 'history.reason.http404';
  if (status === 429) return 'history.reason.http429';
  if (status >= 500) return 'history.reason.http5xx';
  return 'history.reason.http';
}
