import { describe, expect, it } from 'vitest';
import { addDays, dayStatus, DEFAULT_CALENDAR, loadHolidays } from '../../src/calendar/calendar.js';
import { sampleDueDate } from '../../src/calendar/sample-due.js';

// Sample and test messages (send-test, setup's test message, templates preview) show a due date a
// week ahead, moved on to the next business day: never a weekend, a national holiday or 年末年始.
const holidays = await loadHolidays();
const config = { calendar: DEFAULT_CALENDAR };
/** 10:00 in Tokyo on a date. */
const at = (date: string) => Date.parse(`${date}T10:00:00+09:00`);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('the due date of a sample message', () => {
  it('is the same weekday a week later when that is a business day', () => {
    expect(sampleDueDate(at('2026-11-11'), config, holidays)).toBe('2026-11-18');
  });

  it('a Friday before a holiday weekend: a week later is 2026-09-18 (Fri), but from Sat 2026-09-12 it skips 敬老の日 and 秋分の日', () => {
    // 2026: 9/19 Sat, 9/20 Sun, 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日.
    expect(sampleDueDate(at('2026-09-11'), config, holidays)).toBe('2026-09-18');
    expect(sampleDueDate(at('2026-09-12'), config, holidays)).toBe('2026-09-24');
    expect(sampleDueDate(at('2026-09-14'), config, holidays)).toBe('2026-09-24');
  });

  it('skips the New Year holidays (12-29..01-03) and a weekend after them', () => {
    expect(sampleDueDate(at('2026-12-22'), config, holidays)).toBe('2027-01-04'); // 12-29 would be the day: 年末年始 and 元日, then Monday
    expect(sampleDueDate(at('2026-12-25'), config, holidays)).toBe('2027-01-04');
    expect(sampleDueDate(at('2026-12-21'), config, holidays)).toBe('2026-12-28');
  });

  it('in Tokyo\'s calendar, not UTC\'s: 08:00 on a Friday in Tokyo is still Thursday in UTC', () => {
    expect(sampleDueDate(Date.parse('2026-11-13T08:00:00+09:00'), config, holidays)).toBe('2026-11-20');
  });

  it('over every "today" of two years, is never a weekend, a holiday or a closure day, and at most a few days past a week', () => {
    for (let today = '2026-01-01'; today < '2028-01-01'; today = addDays(today, 1)) {
      const due = sampleDueDate(at(today), config, holidays);
      expect(dayStatus(due, DEFAULT_CALENDAR, holidays).business, `${today} → ${due}`).toBe(true);
      expect([0, 6]).not.toContain(weekday(due));
      expect(due >= addDays(today, 7) && due <= addDays(today, 7 + 10), `${today} → ${due}`).toBe(true);
    }
  });

  it('skips weekends and holidays even when the calendar would send on them', () => {
    const always = { calendar: { ...DEFAULT_CALENDAR, weekendsOff: false, holidays: false, closures: [] } };
    expect(sampleDueDate(at('2026-11-14'), always, holidays)).toBe('2026-11-24'); // Sat → 11/21 Sat, 11/22 Sun, 11/23 勤労感謝の日
  });
});
