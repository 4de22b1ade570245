import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate.js';
import { formatTime, isoInZone } from '../../src/io/time.js';

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
