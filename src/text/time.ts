import { DEFAULT_TIME_ZONE, zonedInstant } from './zone.js';
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
  return config?.calendar?.timeZone ?? DEFAULT_TIME_ZONE;
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

/**
 * A calendar date as people write it, YYYY-MM-DD, that exists: 2026-02-31 is not a date
 * (Date.parse would roll it over to March 3rd). The one check of every date a person gives.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The one parser of a date or date-time a person types (flags, filters): `2026-11-01` is
 * midnight in `timeZone`; `2026-11-01T09:30` (or with a space) is that wall-clock time in
 * `timeZone` too, never the machine's; an offset (`Z`, `+09:00`) wins. Undefined for anything
 * that is not a real date and time (2026-02-31, 24:00, 09:60).
 */
export function parseUserInstant(value: string, timeZone: string): number | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match || !isCalendarDate(match[1]!)) return undefined;
  const [hour, minute, second] = [match[2], match[3], match[4]].map((x) => Number(x ?? 0)) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = second * 1000 + Number((match[5] ?? '0').padEnd(3, '0'));
  const offset = match[6];
  if (offset === undefined) return zonedInstant(match[1]!, hour * 60 + minute, timeZone) + ms;
  const [y, m, d] = match[1]!.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d, hour, minute) + ms;
  if (/^z$/i.test(offset)) return utc;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (oh > 23 || om > 59) return undefined;
  return utc - sign * (oh * 60 + om) * 60_000;
}
