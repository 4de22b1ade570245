import type { CalendarSettings, Config } from '../domain.js';

export type { CalendarSettings, Policy } from '../domain.js';

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: 'Asia/Tokyo',
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

interface LocalTime { date: string; weekday: number; minutes: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and minute of the day in a time zone. */
export function localTime(ms: number, timeZone: string): LocalTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The instant at which the wall clock of a time zone shows this date and minute. */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  let guess = asUtc;
  // Twice: the offset at the guess may differ from the offset at the answer (a DST change).
  for (let i = 0; i < 2; i++) {
    const seen = localTime(guess, timeZone);
    const [sy, sm, sd] = seen.date.split('-').map(Number) as [number, number, number];
    const seenAsUtc = Date.UTC(sy, sm - 1, sd, Math.floor(seen.minutes / 60), seen.minutes % 60);
    guess += asUtc - seenAsUtc;
  }
  return guess;
}

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

/** When the current window closes, or undefined outside one. */
export function windowEnd(ms: number, calendar: CalendarSettings, holidays: HolidayTable): number | undefined {
  if (!inWindow(ms, calendar, holidays)) return undefined;
  return zonedInstant(localTime(ms, calendar.timeZone).date, parseClock(calendar.window.end)!, calendar.timeZone);
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
