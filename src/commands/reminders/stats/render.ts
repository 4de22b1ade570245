import type { Deps } from '../../../deps/deps.js';
import { catalog, type MessageKey } from '../../../i18n/catalog.js';
import type { ReminderStats } from '../../../delivery/reminder-stats.js';
import { CSV_BOM, csvHeaderRow, csvWantsBom, STATS_CSV, type CsvHeaderMode } from '../../../io/csv-headers.js';
import { csvSafeCell } from '../../../io/csv-safe.js';
import { roundName } from '../../shared/round-name.js';

type T = Deps['t'];

/** A skip's reason in the words history uses for it; an unknown code as it is. */
function reasonName(t: T, reason: string): string {
  const key = `skip.${reason}`;
  return key in catalog ? t(key as MessageKey) : reason;
}

/** One reminder, for people: what was sent, who answered after which round, who is still pending, skipped, failed. */
export function statsLines(t: T, s: ReminderStats): string[] {
  const list = (counts: Record<string, number>, name: (key: string) => string) =>
    Object.entries(counts).map(([key, count]) => t('stats.part', { name: name(key), count })).join(t('send.nameSeparator')) || '-';
  const lines = [t('stats.head', { id: s.reminderId, title: s.title ?? '-', type: s.type ? t(`type.${s.type}` as MessageKey).replace(/ \(.*\)$/, '') : '-', due: s.due ?? '-' })];
  lines.push(`  ${t('stats.asked', { count: s.asked })}`);
  lines.push(`  ${t('stats.messages', { list: list(s.messages, (r) => roundName(t, r)) })}`);
  lines.push(`  ${t('stats.answered', { count: s.answered, list: list(s.answeredAfter, (r) => roundName(t, r)) })}`);
  lines.push(`  ${t('stats.pending', { count: s.pending })}`);
  lines.push(`  ${t('stats.skipped', { list: list(s.skipped, (r) => reasonName(t, r)) })}`);
  lines.push(`  ${t('stats.failed', { count: s.failed })}`);
  if (s.tasks.closed + s.tasks.refused + s.tasks.failed) lines.push(`  ${t('stats.tasks', s.tasks)}`);
  return lines;
}

export function statsCsvHead(mode: CsvHeaderMode, lang: 'ja' | 'en'): string {
  return (csvWantsBom(mode) && lang === 'ja' ? CSV_BOM : '') + csvHeaderRow(STATS_CSV, mode, lang).map(csvCell).join(',');
}

/** Codes, not words: figure is asked, messages, answered, pending, skipped, failed or tasks-closed/-refused/-failed; detail a round or a reason. */
export function statsCsvRows(s: ReminderStats): string[] {
  const rows: [string, string, number][] = [['asked', '', s.asked]];
  for (const [round, count] of Object.entries(s.messages)) rows.push(['messages', round, count]);
  for (const [round, count] of Object.entries(s.answeredAfter)) rows.push(['answered', round, count]);
  rows.push(['pending', '', s.pending]);
  for (const [reason, count] of Object.entries(s.skipped)) rows.push(['skipped', reason, count]);
  rows.push(['failed', '', s.failed], ['tasks-closed', '', s.tasks.closed], ['tasks-refused', '', s.tasks.refused], ['tasks-failed', '', s.tasks.failed]);
  return rows.map(([figure, detail, count]) => [s.reminderId, s.type ?? '', s.title ?? '', s.due ?? '', figure, detail, String(count)].map(csvCell).join(','));
}

function csvCell(value: string): string {
  const safe = csvSafeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
