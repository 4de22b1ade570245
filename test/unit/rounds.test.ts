import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, loadHolidays, type HolidayTable } from '../../src/calendar/calendar.js';
import { roundDue, scheduledRounds, type FollowUpSchedule, type RoundHistory } from '../../src/delivery/rounds.js';

let holidays: HolidayTable;
beforeAll(async () => { holidays = await loadHolidays(); });

const at = (iso: string) => Date.parse(iso);
const S310: FollowUpSchedule = { daysBefore: [3, 1, 0], gapHours: 20 };
const sent = (round: string, iso: string): RoundHistory => ({ round, status: 'sent', at: at(iso) });
const ask = (now: string, history: RoundHistory[], due = '2026-12-10', schedule: FollowUpSchedule | null = S310) =>
  roundDue({ due, ...(schedule ? { schedule } : {}), calendar: DEFAULT_CALENDAR, holidays, now: at(now), history });
const dates = (due: string, schedule = S310) => scheduledRounds(due, schedule, DEFAULT_CALENDAR, holidays).map((r) => `${r.round}@${r.date}`);

describe('scheduledRounds: the days before due, at the window\'s opening, moved off closed days', () => {
  it('a plain week: due Thursday 2026-12-10 → d3 Monday, d1 Wednesday, d0 Thursday, at 09:00 Tokyo', () => {
    expect(dates('2026-12-10')).toEqual(['d3@2026-12-07', 'd1@2026-12-09', 'd0@2026-12-10']);
    expect(scheduledRounds('2026-12-10', S310, DEFAULT_CALENDAR, holidays)[0]!.at).toBe(at('2026-12-07T09:00:00+09:00'));
  });

  it('a weekend moves a round to the Friday before; two rounds on one day are one, the later', () => {
    // Due Monday 2026-12-14: d1 is Sunday → Friday 12-11; d3 is Friday 12-11 already: d1 goes.
    expect(dates('2026-12-14')).toEqual(['d1@2026-12-11', 'd0@2026-12-14']);
    // Due on a Sunday: d0 and d1 land on Friday, one round (d0).
    expect(dates('2026-12-13')).toEqual(['d3@2026-12-10', 'd0@2026-12-11']);
  });

  it('a national holiday and the year-end closure move rounds back; so does a month end', () => {
    // 2027-01-11 is 成人の日: d1 of a due on Tuesday 01-12 goes on Friday 01-08 (d3, Saturday, joins it).
    expect(dates('2027-01-12')).toEqual(['d1@2027-01-08', 'd0@2027-01-12']);
    // 12-29..01-03 is closed: a due on Monday 2027-01-04 has its d1 and d3 on Monday 2026-12-28.
    expect(dates('2027-01-04')).toEqual(['d1@2026-12-28', 'd0@2027-01-04']);
    // Across February's end: due Monday 2027-03-01, d1 is Sunday 02-28 → Friday 02-26.
    expect(dates('2027-03-01')).toEqual(['d1@2027-02-26', 'd0@2027-03-01']);
    // A leap-year month end: due Tuesday 2028-03-01, d1 is Tuesday 02-29.
    expect(dates('2028-03-01', { daysBefore: [1, 0], gapHours: 20 })).toEqual(['d1@2028-02-29', 'd0@2028-03-01']);
    // 天皇誕生日 2027-02-23 (Tuesday): d0 of a due on that day is Monday 02-22.
    expect(dates('2027-02-23', { daysBefore: [0], gapHours: 20 })).toEqual(['d0@2027-02-22']);
  });

  it('follows the calendar\'s time zone and window opening', () => {
    const calendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Berlin', window: { start: '08:30', end: '17:00' }, holidays: false };
    const [first] = scheduledRounds('2026-12-10', { daysBefore: [1], gapHours: 20 }, calendar, holidays);
    expect(first).toEqual({ round: 'd1', daysBefore: 1, date: '2026-12-09', at: at('2026-12-09T08:30:00+01:00') });
  });
});

describe('roundDue: which round goes to one person now', () => {
  it('the first message goes once, whenever; without a schedule nothing more', () => {
    expect(ask('2026-12-01T09:00:00+09:00', [])).toEqual({ round: '' });
    expect(ask('2026-12-20T09:00:00+09:00', [])).toEqual({ round: '' });
    expect(ask('2026-12-09T09:00:00+09:00', [sent('', '2026-12-01T09:00:00+09:00')], '2026-12-10', null)).toEqual({ why: 'done' });
    expect(ask('2026-12-09T09:00:00+09:00', [sent('', '2026-12-01T09:00:00+09:00')], '')).toEqual({ why: 'done' });
  });

  it('rounds at the right dates: d3, d1, d0 each on its day, not before', () => {
    const first = sent('', '2026-12-01T09:00:00+09:00');
    expect(ask('2026-12-07T08:59:00+09:00', [first])).toMatchObject({ why: 'not-yet', next: { round: 'd3', at: at('2026-12-07T09:00:00+09:00') } });
    expect(ask('2026-12-07T09:00:00+09:00', [first])).toEqual({ round: 'd3' });
    const d3 = sent('d3', '2026-12-07T09:00:05+09:00');
    expect(ask('2026-12-08T09:00:00+09:00', [first, d3])).toMatchObject({ why: 'not-yet', next: { round: 'd1' } });
    expect(ask('2026-12-09T09:00:00+09:00', [first, d3])).toEqual({ round: 'd1' });
    const d1 = sent('d1', '2026-12-09T09:00:05+09:00');
    expect(ask('2026-12-09T15:00:00+09:00', [first, d3, d1])).toMatchObject({ why: 'not-yet', next: { round: 'd0' } });
    expect(ask('2026-12-10T09:00:00+09:00', [first, d3, d1])).toEqual({ round: 'd0' });
    expect(ask('2026-12-10T12:00:00+09:00', [first, d3, d1, sent('d0', '2026-12-10T09:00:05+09:00')])).toEqual({ why: 'done' });
  });

  it('first seen 2 days before due: round 0 now, never d3 after it, d1 the next day, then d0', () => {
    expect(ask('2026-12-08T09:00:00+09:00', [])).toEqual({ round: '' });
    const first = sent('', '2026-12-08T09:00:05+09:00');
    expect(ask('2026-12-08T17:00:00+09:00', [first])).toMatchObject({ why: 'not-yet', next: { round: 'd1' } });
    expect(ask('2026-12-09T09:00:00+09:00', [first])).toEqual({ round: 'd1' });
    expect(ask('2026-12-10T09:00:00+09:00', [first, sent('d1', '2026-12-09T09:00:05+09:00')])).toEqual({ round: 'd0' });
  });

  it('the gap: never sooner than 20 hours after the last message; a late first message lets the next morning\'s round wait, the day after goes', () => {
    const late = sent('', '2026-12-08T17:30:00+09:00');
    expect(ask('2026-12-09T09:00:00+09:00', [late])).toEqual({ why: 'gap', next: { round: 'd1', at: at('2026-12-09T13:30:00+09:00') } });
    expect(ask('2026-12-09T13:30:00+09:00', [late])).toEqual({ round: 'd1' });
    expect(ask('2026-12-10T09:00:00+09:00', [late])).toEqual({ round: 'd0' });
    const wide = { daysBefore: [3, 1, 0], gapHours: 48 };
    expect(ask('2026-12-09T09:00:00+09:00', [sent('', '2026-12-08T09:00:00+09:00')], '2026-12-10', wide)).toMatchObject({ why: 'gap' });
  });

  it('after missed runs only the latest round that is due goes, never two at once', () => {
    const first = sent('', '2026-12-01T09:00:00+09:00');
    // No run on d3's Monday nor d1's Wednesday: on Wednesday afternoon only d1 goes.
    expect(ask('2026-12-09T15:00:00+09:00', [first])).toEqual({ round: 'd1' });
    // Nor any until the due day: d0 alone.
    expect(ask('2026-12-10T10:00:00+09:00', [first])).toEqual({ round: 'd0' });
    // d1 went; d3 never goes after it.
    expect(ask('2026-12-10T08:00:00+09:00', [first, sent('d1', '2026-12-09T15:00:00+09:00')])).toMatchObject({ why: 'not-yet', next: { round: 'd0' } });
  });

  it('nothing after due', () => {
    const first = sent('', '2026-12-01T09:00:00+09:00');
    expect(ask('2026-12-10T23:59:00+09:00', [first])).toEqual({ round: 'd0' });
    expect(ask('2026-12-11T00:00:00+09:00', [first])).toEqual({ why: 'after-due' });
    expect(ask('2027-01-05T09:00:00+09:00', [first])).toEqual({ why: 'after-due' });
  });

  it('a round in flight is planned again (reconciled under its key); one held for the window waits; a recalled reminder never again', () => {
    const first = sent('', '2026-12-01T09:00:00+09:00');
    expect(ask('2026-12-10T09:00:00+09:00', [first, { round: 'd1', status: 'in-flight', at: at('2026-12-09T09:00:00+09:00') }])).toEqual({ round: 'd1' });
    expect(ask('2026-12-10T09:00:00+09:00', [first, { round: 'd1', status: 'deferred', at: at('2026-12-08T20:00:00+09:00'), outbox: true }])).toEqual({ why: 'waiting' });
    expect(ask('2026-12-10T09:00:00+09:00', [{ ...first, recalled: true }])).toEqual({ why: 'recalled' });
    // A failed follow-up is no message: the round is due again.
    expect(ask('2026-12-09T10:00:00+09:00', [first, { round: 'd1', status: 'failed', at: at('2026-12-09T09:00:00+09:00') }])).toEqual({ round: 'd1' });
  });
});
