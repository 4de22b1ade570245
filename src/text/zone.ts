/**
 * Wall-clock arithmetic in a time zone: what the clock there shows at an instant, and the
 * instant it shows a date and minute. No business calendar here (calendar/ builds on this);
 * the times people read (time.ts) and the log lines need only this.
 */

/** Where times are shown and the calendar counts unless it names another zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export interface LocalTime { date: string; weekday: number; minutes: number }

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
