import type { CalendarSettings, Config } from '../domain.js';
import { DEFAULT_TIME_ZONE, localTime, zonedInstant } from '../text/zone.js';

// Wall-clock arithmetic in a time zone is text/zone.ts's (times are written with it below the calendar); named here too for the calendar's readers.
export { localTime, zonedInstant };

export type { CalendarSettings, Policy } from '../domain.js';

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: DEFAULT_TIME_ZONE,
  window: { start: '09:00', end: '18:00' },
  weekendsOff: true,
  holidays: true,
  closures: ['12-29..01-03'],
  extraDates: [],
  // Praise is good news whenever it comes; reminders wait for working hours.
  policy: { praise: 'send', survey: 'defer', 'update-survey': 'defer' },
};

type DayReason = { kind: 'weekend' } | { kind: 'holiday'; name: string } | { kind: 'closure'; range: string };
export interface DayStatus { date: string; weekday: number; business: boolean; reason?: DayReason }

export type HolidayTable = Record<string, { name: string; name_en: string }>;

export function parseClock(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : text === '24:00' ? 1440 : undefined;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function inRange(value: string, range: string): boolean {
  const [from, to = from] = range.split('..') as [string, string?];
  return from <= to! ? value >= from && value <= to! : value >= from || value <= to!;
}

export function dayStatus(date: string, calendar: CalendarSettings, holidays: HolidayTable, lang: 'ja' | 'en' = 'ja'): DayStatus {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const closure = calendar.extraDates.find((range) => inRange(date, range)) ?? calendar.closures.find((range) => inRange(date.slice(5), range));
  if (closure) return { date, weekday, business: false, reason: { kind: 'closure', range: closure } };
  const holiday = calendar.holidays ? holidays[date] : undefined;
  if (holiday) return { date, weekday, business: false, reason: { kind: 'holiday', name: lang === 'ja' ? holiday.name : holiday.name_en } };
  if (calendar.weekendsOff && (weekday === 0 || weekday === 6)) return { date, weekday, business: false, reason: { kind: 'weekend' } };
  return { date, weekday, business: true };
}

export function inWindow(ms: number, calendar: CalendarSettings, holidays: HolidayTable): boolean {
  const local = localTime(ms, calendar.timeZone);
  const start = parseClock(calendar.window.start)!;
  const end = parseClock(calendar.window.end)!;
  return dayStatus(local.date, calendar, holidays).business && local.minutes >= start && local.minutes < end;
}

/** Now if inside a window, else the start of the next one (within two years). */
export function nextWindowStart(ms: number, calendar: CalendarSettings, holidays: HolidayTable): number {
  if (inWindow(ms, calendar, holidays)) return ms;
  const local = localTime(ms, calendar.timeZone);
  const start = parseClock(calendar.window.start)!;
  for (let day = 0; day < 740; day++) {
    const date = addDays(local.date, day);
    if (!dayStatus(date, calendar, holidays).business) continue;
    const at = zonedInstant(date, start, calendar.timeZone);
    if (at > ms) return at;
  }
  throw new Error('no business day in the next two years: check the calendar settings');
}

/** The holiday table from @holiday-jp/holiday_jp (national holidays to 2050, 振替休日 included). */
export async function loadHolidays(): Promise<HolidayTable> {
  const { default: holidayJp } = await import('@holiday-jp/holiday_jp');
  return holidayJp.holidays as HolidayTable;
}

/** The configured calendar over the defaults: a partial setting never loses a default. */
export function calendarOf(config: Pick<Config, 'calendar'>): CalendarSettings {
  return { ...DEFAULT_CALENDAR, ...config.calendar, policy: { ...DEFAULT_CALENDAR.policy, ...config.calendar?.policy } };
}
