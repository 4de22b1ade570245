import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, dayStatus, inWindow, loadHolidays, localTime, nextWindowStart, zonedInstant, type CalendarSettings } from '../../src/calendar/calendar.js';

const holidays = await loadHolidays();
const tokyo = (local: string) => Date.parse(`${local}+09:00`);

describe('business calendar', () => {
  it('knows national holidays, 振替休日 included, from @holiday-jp/holiday_jp', () => {
    expect(dayStatus('2026-05-06', DEFAULT_CALENDAR, holidays)).toMatchObject({ business: false, reason: { kind: 'holiday', name: 'こどもの日 振替休日' } });
    expect(dayStatus('2026-09-22', DEFAULT_CALENDAR, holidays)).toMatchObject({ business: false, reason: { kind: 'holiday', name: '休日' } });
    expect(dayStatus('2026-05-07', DEFAULT_CALENDAR, holidays).business).toBe(true);
    expect(dayStatus('2026-11-23', DEFAULT_CALENDAR, holidays, 'en')).toMatchObject({ reason: { name: 'Labor Thanksgiving Day' } });
  });

  it('closes 12/29 to 1/3 across the new year, and one-off dates', () => {
    const calendar: CalendarSettings = { ...DEFAULT_CALENDAR, extraDates: ['2026-12-25', '2027-02-08..2027-02-09'] };
    for (const date of ['2026-12-29', '2026-12-31', '2027-01-01', '2027-01-03', '2026-12-25', '2027-02-09']) {
      expect(dayStatus(date, calendar, holidays).business, date).toBe(false);
    }
    expect(dayStatus('2027-01-04', calendar, holidays).business).toBe(true);
    expect(dayStatus('2026-12-28', calendar, holidays).business).toBe(true);
  });

  it('opens the window at 09:00 sharp and closes it at 18:00 sharp', () => {
    expect(inWindow(tokyo('2026-11-25T08:59:59'), DEFAULT_CALENDAR, holidays)).toBe(false);
    expect(inWindow(tokyo('2026-11-25T09:00:00'), DEFAULT_CALENDAR, holidays)).toBe(true);
    expect(inWindow(tokyo('2026-11-25T17:59:59'), DEFAULT_CALENDAR, holidays)).toBe(true);
    expect(inWindow(tokyo('2026-11-25T18:00:00'), DEFAULT_CALENDAR, holidays)).toBe(false);
  });

  it('finds the next window over a weekend and over the new-year closure', () => {
    expect(nextWindowStart(tokyo('2026-11-27T18:30:00'), DEFAULT_CALENDAR, holidays)).toBe(tokyo('2026-11-30T09:00:00'));
    // 12/28 is a Monday; 12/29-1/3 closed; 1/4 is a Monday, not a holiday in 2027.
    expect(nextWindowStart(tokyo('2026-12-28T19:00:00'), DEFAULT_CALENDAR, holidays)).toBe(tokyo('2027-01-04T09:00:00'));
    expect(nextWindowStart(tokyo('2026-11-25T10:00:00'), DEFAULT_CALENDAR, holidays)).toBe(tokyo('2026-11-25T10:00:00'));
  });

  it('works in other time zones, across a daylight-saving change', () => {
    const la: CalendarSettings = { ...DEFAULT_CALENDAR, timeZone: 'America/Los_Angeles', holidays: false, closures: [] };
    expect(localTime(Date.parse('2026-11-25T17:00:00Z'), 'America/Los_Angeles')).toMatchObject({ date: '2026-11-25', minutes: 9 * 60 });
    expect(inWindow(Date.parse('2026-11-25T17:00:00Z'), la, holidays)).toBe(true);
    // DST ended on 2026-11-01: 09:00 in LA is 16:00Z before and 17:00Z after.
    expect(zonedInstant('2026-10-30', 9 * 60, 'America/Los_Angeles')).toBe(Date.parse('2026-10-30T16:00:00Z'));
    expect(zonedInstant('2026-11-02', 9 * 60, 'America/Los_Angeles')).toBe(Date.parse('2026-11-02T17:00:00Z'));
    expect(nextWindowStart(Date.parse('2026-10-31T03:00:00Z'), la, holidays)).toBe(Date.parse('2026-11-02T17:00:00Z'));
  });
});
