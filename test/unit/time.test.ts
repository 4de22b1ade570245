import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate.js';
import { formatTime, isCalendarDate, isoInZone, parseUserInstant } from '../../src/text/time.js';
import { parseWhen } from '../../src/commands/history/shared/dates.js';
import { configSchema } from '../../src/store/config-schema.js';

// The machine's own zone must never leak into what is printed.
process.env.TZ = 'UTC';
const NINE_JST = Date.parse('2026-12-02T00:00:00Z');

describe('times a person reads: the configured zone, the locale\'s format', () => {
  it('writes 12月2日(水) 9:00 in Japanese and Wed, Dec 2, 09:00 JST in English on a UTC machine', () => {
    expect(new Date(NINE_JST).getHours()).toBe(0); // really a UTC machine
    expect(formatTime(NINE_JST, 'ja', 'Asia/Tokyo')).toBe('12月2日(水) 9:00');
    expect(formatTime(NINE_JST, 'en', 'Asia/Tokyo')).toBe('Wed, Dec 2, 09:00 JST');
    expect(formatTime('2026-12-02T00:00:00.000Z', 'ja', 'Asia/Tokyo')).toBe('12月2日(水) 9:00');
  });

  it('shows the year only when it is not this year, and names another zone', () => {
    const now = Date.parse('2026-12-20T00:00:00Z');
    expect(formatTime(Date.parse('2027-01-04T00:00:00Z'), 'ja', 'Asia/Tokyo', now)).toBe('2027年1月4日(月) 9:00');
    expect(formatTime(Date.parse('2027-01-04T00:00:00Z'), 'en', 'Asia/Tokyo', now)).toBe('Mon, Jan 4, 2027, 09:00 JST');
    expect(formatTime(NINE_JST, 'ja', 'UTC')).toBe('12月2日(水) 0:00 (UTC)');
    expect(formatTime(NINE_JST, 'en', 'America/New_York')).toBe('Tue, Dec 1, 19:00 EST');
  });

  it('machine output is ISO 8601 with the offset, not a bare Z', () => {
    expect(isoInZone(NINE_JST, 'Asia/Tokyo')).toBe('2026-12-02T09:00:00+09:00');
    expect(isoInZone(NINE_JST, 'America/New_York')).toBe('2026-12-01T19:00:00-05:00');
    expect(isoInZone(NINE_JST, 'UTC')).toBe('2026-12-02T00:00:00+00:00');
    expect(Date.parse(isoInZone(NINE_JST + 1234, 'Asia/Tokyo'))).toBe(NINE_JST + 1000);
  });

  it('a {name:time} placeholder in the catalog is written as a time', () => {
    const ja = createTranslator('ja', { timeZone: () => 'Asia/Tokyo', now: () => NINE_JST });
    expect(ja('send.planDeferred', { id: 's1', to: 'E1', until: NINE_JST })).toContain('12月2日(水) 9:00');
    expect(ja('send.planDeferred', { id: 's1', to: 'E1', until: NINE_JST })).not.toMatch(/Z|T\d/);
  });
});

describe('dates a person types: one strict parser, the calendar\'s zone', () => {
  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const bad of ['2026-02-31', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-05', '20260105', '2026-02-31T09:00', '2026-02-28T24:00', '2026-02-28T09:60', '2026-02-28T09:00+25:00']) {
      expect(parseUserInstant(bad, 'Asia/Tokyo'), bad).toBeUndefined();
    }
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(() => parseWhen('2026-02-31', '--before', 0, 'Asia/Tokyo')).toThrow(expect.objectContaining({ key: 'history.badDate', params: { flag: '--before', value: '2026-02-31' } }));
  });

  it('reads a date-time without an offset in the calendar\'s zone, as a date alone is, whatever the machine\'s zone', () => {
    for (const zone of ['Asia/Tokyo', 'America/New_York', 'UTC']) {
      const midnight = parseUserInstant('2026-11-01', zone)!;
      expect(parseUserInstant('2026-11-01T00:00', zone), zone).toBe(midnight);
      expect(parseUserInstant('2026-11-01 00:00:00', zone), zone).toBe(midnight);
      expect(parseWhen('2026-11-01T09:30', '--since', 0, zone)).toBe(midnight + (9 * 60 + 30) * 60_000 + (zone === 'America/New_York' ? 3_600_000 : 0));
    }
    // 2026-11-01 is the day New York leaves summer time at 02:00: 09:30 is EST, midnight was EDT.
    expect(parseUserInstant('2026-11-01T09:30', 'America/New_York')).toBe(Date.parse('2026-11-01T14:30:00Z'));
    expect(parseUserInstant('2026-11-01T09:30', 'Asia/Tokyo')).toBe(Date.parse('2026-11-01T00:30:00Z'));
    expect(parseUserInstant('2026-11-01', 'Asia/Tokyo')).toBe(Date.parse('2026-10-31T15:00:00Z'));
  });

  it('an offset wins over the zone', () => {
    expect(parseUserInstant('2026-11-01T09:30Z', 'Asia/Tokyo')).toBe(Date.parse('2026-11-01T09:30:00Z'));
    expect(parseUserInstant('2026-11-01T09:30:15.5+09:00', 'UTC')).toBe(Date.parse('2026-11-01T00:30:15.500Z'));
    expect(parseUserInstant('2026-11-01T09:30-0500', 'Asia/Tokyo')).toBe(Date.parse('2026-11-01T14:30:00Z'));
  });

  it('the calendar settings hold only real dates (a dump or a hand-edited store too)', () => {
    const calendar = { timeZone: 'Asia/Tokyo', window: { start: '09:00', end: '18:00' }, weekendsOff: true, holidays: true, closures: ['12-29..01-03'], extraDates: ['2026-05-01'], policy: {} };
    expect(configSchema.safeParse({ calendar }).success).toBe(true);
    expect(configSchema.safeParse({ calendar: { ...calendar, extraDates: ['2026-02-31'] } }).success).toBe(false);
    expect(configSchema.safeParse({ calendar: { ...calendar, closures: ['02-30'] } }).success).toBe(false);
    expect(configSchema.safeParse({ calendar: { ...calendar, closures: ['02-29'] } }).success).toBe(true);
  });
});
