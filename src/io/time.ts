import { DEFAULT_CALENDAR } from '../calendar/calendar.js';
import type { Config } from '../domain.js';

/**
 * Every time a person reads goes through here: local to the configured time zone (the
 * calendar's, Asia/Tokyo unless set), in the locale's way of writing it. Machine output
 * (--json) gets ISO 8601 with that zone's offset, never a bare UTC `Z`.
 *
 *   ja: 12月2日(水) 9:00        (another year: 2027年1月5日(火) 9:00; another zone: … (UTC))
 *   en: Wed, Dec 2, 09:00 JST  (another year: Tue, Jan 5, 2027, 09:00 JST)
 */
export type TimeLang = 'ja' | 'en';

/** The zone times are shown in: the calendar's, else Asia/Tokyo. */
export function displayTimeZone(config: Pick<Config, 'calendar'> | undefined): string {
  return config?.calendar?.timeZone ?? DEFAULT_CALENDAR.timeZone;
}

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Names people use, where Intl only knows "GMT+9". */
const ZONE_NAMES: Record<string, string> = { 'Asia/Tokyo': 'JST', UTC: 'UTC', 'Etc/UTC': 'UTC' };

interface Parts { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number; offsetMinutes: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, timeZone: string): Parts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), second: Number(p.second) };
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  return { ...local, weekday: EN_WEEKDAYS.indexOf(p.weekday!), offsetMinutes };
}

function zoneName(ms: number, timeZone: string): string {
  if (ZONE_NAMES[timeZone]) return ZONE_NAMES[timeZone]!;
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value;
  return name ?? timeZone;
}

/** A time for a person to read. `now` decides whether the year is shown. */
export function formatTime(value: number | string, lang: TimeLang, timeZone: string, now?: number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return String(value);
  const p = parts(ms, timeZone);
  const showYear = now !== undefined && parts(now, timeZone).year !== p.year;
  const mm = String(p.minute).padStart(2, '0');
  if (lang === 'ja') {
    const zone = timeZone === 'Asia/Tokyo' ? '' : ` (${zoneName(ms, timeZone)})`;
    return `${showYear ? `${p.year}年` : ''}${p.month}月${p.day}日(${JA_WEEKDAYS[p.weekday]}) ${p.hour}:${mm}${zone}`;
  }
  const year = showYear ? `, ${p.year}` : '';
  return `${EN_WEEKDAYS[p.weekday]}, ${EN_MONTHS[p.month - 1]} ${p.day}${year}, ${String(p.hour).padStart(2, '0')}:${mm} ${zoneName(ms, timeZone)}`;
}

/** ISO 8601 with the zone's offset, for machine output: 2026-12-02T09:00:00+09:00. */
export function isoInZone(value: number | string, timeZone: string): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return String(value);
  const p = parts(ms, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(p.offsetMinutes);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}
