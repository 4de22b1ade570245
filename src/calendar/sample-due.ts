import { addDays, calendarOf, dayStatus, localTime, type HolidayTable } from './calendar.js';
import type { Config } from '../domain.js';

/** How far ahead a sample's due date is: a week, as a real survey's would be. */
const SAMPLE_LEAD_DAYS = 7;

/**
 * The due date a sample or test message shows: a week from today in the business calendar's
 * time zone, moved on to the next business day. A sample dated a Saturday, a national holiday or
 * 1月2日 reads as a mistake to the HR staff who check it, so weekends and holidays are skipped
 * even when the calendar would send on them.
 */
export function sampleDueDate(nowMs: number, config: Pick<Config, 'calendar'>, holidays: HolidayTable): string {
  const calendar = { ...calendarOf(config), weekendsOff: true, holidays: true };
  let date = addDays(localTime(nowMs, calendar.timeZone).date, SAMPLE_LEAD_DAYS);
  for (let day = 0; day < 60 && !dayStatus(date, calendar, holidays).business; day++) date = addDays(date, 1);
  return date;
}
