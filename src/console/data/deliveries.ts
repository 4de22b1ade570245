import type { NotificationType } from '../../domain.js';
import type { HistoryRow, HistoryStatus } from '../../store/store.js';

/** One reminder's outcome per recipient, in the four words of the glossary (送信済み・保留・スキップ・失敗) and the rest. */
export interface ReminderOutcome {
  reminderId: string;
  type?: NotificationType;
  delivered: number;
  held: number;
  failed: number;
  skipped: number;
  /** Skips by their reason code (history's `reason`), most frequent first. */
  skipReasons: [reason: string, count: number][];
  /** In flight, recalled or withdrawn: counted so that the sum is everyone the reminder concerned. */
  other: Partial<Record<HistoryStatus, number>>;
  people: number;
  /** The newest row's time (epoch ms). */
  last: number;
}

/**
 * History rows (one per reminder and recipient, as `history` reads them) grouped per reminder,
 * newest reminder first. A person appears once per reminder: the store keeps one row per pair.
 */
export function outcomesByReminder(rows: Iterable<HistoryRow>): ReminderOutcome[] {
  const byId = new Map<string, ReminderOutcome & { reasons: Map<string, number>; users: Set<string> }>();
  for (const row of rows) {
    let entry = byId.get(row.reminderId);
    if (!entry) {
      entry = { reminderId: row.reminderId, delivered: 0, held: 0, failed: 0, skipped: 0, skipReasons: [], other: {}, people: 0, last: row.at, reasons: new Map(), users: new Set() };
      byId.set(row.reminderId, entry);
    }
    entry.type ??= row.type;
    entry.last = Math.max(entry.last, row.at);
    entry.users.add(row.userId);
    if (row.status === 'delivered') entry.delivered += 1;
    else if (row.status === 'deferred') entry.held += 1;
    else if (row.status === 'failed') entry.failed += 1;
    else if (row.status === 'skipped') {
      entry.skipped += 1;
      const reason = row.reason ?? '';
      entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + 1);
    } else entry.other[row.status] = (entry.other[row.status] ?? 0) + 1;
  }
  return [...byId.values()].sort((a, b) => b.last - a.last || (a.reminderId < b.reminderId ? -1 : 1)).map(({ reasons, users, ...entry }) => ({
    ...entry, people: users.size, skipReasons: [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  }));
}

export type Bucket = 'day' | 'week';
export interface ChartPoint { label: string; delivered: number; failed: number }

/**
 * Deliveries per calendar day (or ISO week, starting Monday) in the configured time zone,
 * oldest first, every period in the range present (a day with none is a zero, not a gap).
 * `periods` is how many periods back from `now` the chart shows.
 */
export function deliveriesPerPeriod(rows: Iterable<HistoryRow>, now: number, timeZone: string, bucket: Bucket, periods: number): ChartPoint[] {
  const dayOf = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const keyOf = (at: number) => (bucket === 'day' ? dayOf(at) : mondayOf(dayOf(at)));
  const points = new Map<string, ChartPoint>();
  const today = keyOf(now);
  for (let i = periods - 1; i >= 0; i--) {
    const label = shiftDays(today, -i * (bucket === 'day' ? 1 : 7));
    points.set(label, { label, delivered: 0, failed: 0 });
  }
  for (const row of rows) {
    const point = points.get(keyOf(row.at));
    if (!point) continue;
    if (row.status === 'delivered') point.delivered += 1;
    else if (row.status === 'failed') point.failed += 1;
  }
  return [...points.values()];
}

function shiftDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return shiftDays(day, -weekday);
}
