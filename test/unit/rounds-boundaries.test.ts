import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, loadHolidays, type HolidayTable } from '../../src/calendar/calendar.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import { inRounds } from '../../src/delivery/plan-rounds.js';
import { FOLLOW_UP_DEFAULTS, templateForRound } from '../../src/delivery/round-templates.js';
import { roundDue, scheduledRounds, type FollowUpSchedule, type RoundHistory } from '../../src/delivery/rounds.js';
import { DEFAULT_TEMPLATES } from '../../src/delivery/templates.js';
import { UsageError } from '../../src/errors/index.js';
import { pairKey, type DeliveryLedger, type Pair, type PairRound } from '../../src/store/store.js';

/**
 * Follow-up rounds on their boundaries: a closed day moves a round to the business day before
 * (an open one keeps it), nothing after due, the gap at exactly the gap and one minute under.
 * Due Thursday 2026-12-10 (Tokyo, window from 09:00): d3 Monday 12-07, d1 Wednesday 12-09, d0 Thursday.
 */
let holidays: HolidayTable;
beforeAll(async () => { holidays = await loadHolidays(); });

const at = (iso: string) => Date.parse(iso);
const S310: FollowUpSchedule = { daysBefore: [3, 1, 0], gapHours: 20 };
const sent = (round: string, iso: string): RoundHistory => ({ round, status: 'sent', at: at(iso) });
const FIRST = sent('', '2026-12-01T09:00:00+09:00');
const ask = (now: string, history: RoundHistory[], schedule: FollowUpSchedule = S310, due = '2026-12-10', calendar = DEFAULT_CALENDAR) =>
  roundDue({ due, schedule, calendar, holidays, now: at(now), history });
const dates = (due: string, schedule: FollowUpSchedule, calendar = DEFAULT_CALENDAR) =>
  scheduledRounds(due, schedule, calendar, holidays).map((r) => `${r.round}@${r.date}`);

describe('a round on a closed day', () => {
  it('moves to the business day before; on an open day it stays', () => {
    // d1 of a Tuesday due is Monday, open: it stays. d1 of a Monday due is Sunday: Friday.
    expect(dates('2026-12-08', { daysBefore: [1], gapHours: 20 })).toEqual(['d1@2026-12-07']);
    expect(dates('2026-12-14', { daysBefore: [1], gapHours: 20 })).toEqual(['d1@2026-12-11']);
    // A one-day closure on an otherwise open Wednesday moves d1 to Tuesday, and that day only.
    const closed = { ...DEFAULT_CALENDAR, extraDates: ['2026-12-09'] };
    expect(dates('2026-12-10', S310, closed)).toEqual(['d3@2026-12-07', 'd1@2026-12-08', 'd0@2026-12-10']);
  });

  it('two rounds moved to one day are one, the one closer to due, whatever order the schedule lists them in', () => {
    // Due Sunday 12-13: d1 (Saturday) and d0 (Sunday) both land on Friday 12-11.
    expect(dates('2026-12-13', { daysBefore: [0, 1, 3], gapHours: 20 })).toEqual(['d3@2026-12-10', 'd0@2026-12-11']);
    expect(dates('2026-12-13', { daysBefore: [1, 0, 1], gapHours: 20 })).toEqual(['d0@2026-12-11']);
    // Listed out of order, they still go in calendar order.
    expect(dates('2026-12-10', { daysBefore: [0, 3, 1], gapHours: 20 })).toEqual(['d3@2026-12-07', 'd1@2026-12-09', 'd0@2026-12-10']);
  });

  it('looks back a year of closed days at most: a calendar with no open day has no follow-ups', () => {
    const never = { ...DEFAULT_CALENDAR, closures: ['01-01..12-31'] };
    expect(dates('2026-12-10', S310, never)).toEqual([]);
    expect(ask('2026-12-09T09:00:00+09:00', [FIRST], S310, '2026-12-10', never)).toEqual({ why: 'done' });
    // d1 of a due on Friday 2026-12-11 is Thursday 12-10. With the 366 days up to it closed
    // (2025-12-10..2026-12-10), the day before them, Tuesday 2025-12-09, is the last one looked at;
    // with one more closed day, none is, though Monday 2025-12-08 is open.
    const yearClosed = { ...DEFAULT_CALENDAR, extraDates: ['2025-12-10..2026-12-10'] };
    expect(dates('2026-12-11', { daysBefore: [1], gapHours: 20 }, yearClosed)).toEqual(['d1@2025-12-09']);
    const longer = { ...DEFAULT_CALENDAR, extraDates: ['2025-12-09..2026-12-10'] };
    expect(dates('2026-12-11', { daysBefore: [1], gapHours: 20 }, longer)).toEqual([]);
  });
});

describe('nothing after due', () => {
  it('the due day\'s last minute still gets its round, the next day\'s first does not (in the calendar\'s time zone)', () => {
    expect(ask('2026-12-10T23:59:00+09:00', [FIRST])).toEqual({ round: 'd0' });
    expect(ask('2026-12-11T00:00:00+09:00', [FIRST])).toEqual({ why: 'after-due' });
    // 2026-12-10T15:30Z is already 12-11 in Tokyo.
    expect(ask('2026-12-10T15:30:00Z', [FIRST])).toEqual({ why: 'after-due' });
    // After due, even the round a run missed is not sent, nor is one still owed by the gap.
    expect(ask('2026-12-11T09:00:00+09:00', [FIRST, sent('d1', '2026-12-10T20:00:00+09:00')])).toEqual({ why: 'after-due' });
  });

  it('the first message is no follow-up: it still goes after due, once', () => {
    expect(ask('2026-12-11T09:00:00+09:00', [])).toEqual({ round: '' });
    expect(ask('2026-12-11T09:00:00+09:00', [{ ...FIRST, status: 'failed' }])).toEqual({ round: '' });
  });
});

describe('the gap between two messages to one person', () => {
  // d1 went at 09:00 on Wednesday; with a 30-hour gap d0 (Thursday 09:00) may go at 15:00 Thursday.
  const S30: FollowUpSchedule = { daysBefore: [3, 1, 0], gapHours: 30 };
  const D1 = sent('d1', '2026-12-09T09:00:00+09:00');

  it('at exactly the gap the round goes; one minute under, it waits, saying until when', () => {
    expect(ask('2026-12-10T15:00:00+09:00', [FIRST, D1], S30)).toEqual({ round: 'd0' });
    expect(ask('2026-12-10T14:59:00+09:00', [FIRST, D1], S30)).toEqual({ why: 'gap', next: { round: 'd0', at: at('2026-12-10T15:00:00+09:00') } });
  });

  it('counts from the latest message, whatever order the ledger lists them in', () => {
    expect(ask('2026-12-10T14:59:00+09:00', [D1, FIRST], S30)).toMatchObject({ why: 'gap' });
    expect(ask('2026-12-10T14:59:00+09:00', [FIRST, D1, sent('d3', '2026-12-07T09:00:00+09:00')], S30)).toMatchObject({ why: 'gap' });
  });

  it('a round whose opening is no later than the last message is not sent after it; the next one is said to wait for the gap', () => {
    // The first message went at d1's very opening: d1 is not due again after it, d0 is next (the gap is over by then).
    const atOpening = sent('', '2026-12-09T09:00:00+09:00');
    expect(ask('2026-12-09T15:00:00+09:00', [atOpening])).toEqual({ why: 'not-yet', next: { round: 'd0', at: at('2026-12-10T09:00:00+09:00') } });
    // A second earlier, d1 is due, held back by the gap alone.
    const justBefore = sent('', '2026-12-09T08:59:59+09:00');
    expect(ask('2026-12-09T15:00:00+09:00', [justBefore])).toMatchObject({ why: 'gap', next: { round: 'd1' } });
    // A late first message: the next round's time is the end of the gap, not its opening.
    const late = sent('', '2026-12-08T17:30:00+09:00');
    expect(ask('2026-12-08T18:00:00+09:00', [late])).toEqual({ why: 'not-yet', next: { round: 'd1', at: at('2026-12-09T13:30:00+09:00') } });
  });

  it('after the last round nothing is next', () => {
    expect(ask('2026-12-10T12:00:00+09:00', [FIRST, sent('d0', '2026-12-10T09:00:00+09:00')])).toEqual({ why: 'done' });
    expect(ask('2026-12-09T12:00:00+09:00', [FIRST, sent('d1', '2026-12-09T09:00:00+09:00')], { daysBefore: [3, 1], gapHours: 20 })).toEqual({ why: 'done' });
  });
});

describe('a moment before the last message (a dry run --at), or a round sent before today\'s opening', () => {
  it('the next round is one after the last message, however soon after the moment asked about', () => {
    // Asked on Tuesday 12-08 10:00 of a ledger whose first message went on Wednesday 12-09 at 10:00:
    // d1 (12-09 09:00) is before that message; d0 is next, once the gap after it is over.
    expect(ask('2026-12-08T10:00:00+09:00', [sent('', '2026-12-09T10:00:00+09:00')]))
      .toEqual({ why: 'not-yet', next: { round: 'd0', at: at('2026-12-10T09:00:00+09:00') } });
    // A round that opens at the very time of the last message is not after it.
    expect(ask('2026-12-08T10:00:00+09:00', [sent('', '2026-12-09T09:00:00+09:00')], { daysBefore: [3, 1, 0], gapHours: 1 }))
      .toEqual({ why: 'not-yet', next: { round: 'd0', at: at('2026-12-10T09:00:00+09:00') } });
  });

  it('a round that went before its opening as the calendar says now (the window moved later) is not sent again', () => {
    const early = sent('d1', '2026-12-09T08:00:00+09:00');
    expect(ask('2026-12-10T08:30:00+09:00', [FIRST, early])).toEqual({ why: 'not-yet', next: { round: 'd0', at: at('2026-12-10T09:00:00+09:00') } });
    expect(ask('2026-12-09T23:00:00+09:00', [FIRST, early], { daysBefore: [3, 1], gapHours: 1 })).toEqual({ why: 'done' });
  });
});

describe('what the ledger says of a person', () => {
  it('a round in flight from the outbox waits with it; an empty schedule has no follow-ups', () => {
    expect(ask('2026-12-10T09:00:00+09:00', [FIRST, { round: 'd1', status: 'in-flight', at: at('2026-12-09T09:00:00+09:00'), outbox: true }])).toEqual({ why: 'waiting' });
    expect(ask('2026-12-09T09:00:00+09:00', [FIRST], { daysBefore: [], gapHours: 20 })).toEqual({ why: 'done' });
    // A recalled round stops every later one, even with a round in flight.
    expect(ask('2026-12-10T09:00:00+09:00', [{ round: 'd1', status: 'in-flight', at: 1 }, { ...FIRST, recalled: true }])).toEqual({ why: 'recalled' });
  });
});

describe('inRounds: each reminder split by the round its people are due', () => {
  const reminder = (over: Partial<Reminder>): Reminder => ({ id: 'r', type: 'survey', to: ['a', 'b', 'c'], unknownRecipients: ['ghost'], record: 1, line: 1, due: '2026-12-10', ...over });
  const ledgerOf = (history: Record<string, RoundHistory[]>) => {
    const asked: Pair[][] = [];
    const ledger = {
      roundsOf: async (pairs: Pair[]) => {
        asked.push(pairs);
        return new Map(Object.entries(history).map(([key, rounds]) => [key, rounds.map((r) => ({ ...r, key: 'k' }) as PairRound)]));
      },
    } as unknown as DeliveryLedger;
    return { ledger, asked };
  };
  const context = (now: string) => ({ followUps: { survey: S310 }, calendar: DEFAULT_CALENDAR, holidays, now: at(now) });

  it('puts the first message first with the unknown recipients, then each follow-up without them; who waits is a harmless skip, told why', async () => {
    const { ledger } = ledgerOf({ [pairKey('r', 'a')]: [FIRST], [pairKey('r', 'c')]: [FIRST, sent('d1', '2026-12-09T09:00:00+09:00')] });
    const waiting: [string, string][] = [];
    const out = await inRounds([reminder({})], { ...context('2026-12-09T10:00:00+09:00'), onWaiting: (r, userId, answer) => waiting.push([userId, answer.why]) }, ledger);
    expect(out.reminders).toEqual([
      reminder({ to: ['b'] }),
      { ...reminder({ to: ['a'] }), round: 'd1', unknownRecipients: [] },
    ]);
    expect(out.skips).toEqual([{ reminderId: 'r', recipient: 'c', reason: 'already-sent' }]);
    expect(waiting).toEqual([['c', 'not-yet']]);
  });

  it('the first message first, then the rounds in the order the people came: one in flight is planned again in its round', async () => {
    const { ledger } = ledgerOf({
      [pairKey('r', 'x')]: [FIRST, { round: 'd3', status: 'in-flight', at: at('2026-12-07T09:00:00+09:00') }],
      [pairKey('r', 'a')]: [FIRST],
    });
    const out = await inRounds([reminder({ to: ['x', 'a', 'b', 'y'] })], context('2026-12-09T10:00:00+09:00'), ledger);
    expect(out.reminders.map((r) => [r.round ?? '', r.to])).toEqual([['', ['b', 'y']], ['d3', ['x']], ['d1', ['a']]]);
  });

  it('keeps a reminder whose people all wait, with nobody to send to (its unknown recipients are still reported)', async () => {
    const { ledger } = ledgerOf({ [pairKey('r', 'a')]: [FIRST, sent('d3', '2026-12-07T09:00:00+09:00')] });
    const out = await inRounds([reminder({ to: ['a'] })], context('2026-12-08T10:00:00+09:00'), ledger);
    expect(out.reminders).toEqual([reminder({ to: [] })]);
    expect(out.skips).toEqual([{ reminderId: 'r', recipient: 'a', reason: 'already-sent' }]);
  });

  it('leaves praise and types without a schedule as they are, and reads no rounds for them', async () => {
    const { ledger, asked } = ledgerOf({ [pairKey('p', 'a')]: [FIRST], [pairKey('u', 'a')]: [FIRST] });
    const praise = reminder({ id: 'p', type: 'praise', to: ['a'] });
    const update = reminder({ id: 'u', type: 'update-survey', to: ['a'] });
    const out = await inRounds([praise, update], { ...context('2026-12-09T10:00:00+09:00'), followUps: { praise: S310 } as never }, ledger);
    expect(out).toEqual({ reminders: [praise, update], skips: [] });
    expect(asked).toEqual([]);
    const withSurvey = await inRounds([praise, reminder({ to: ['a'] })], { ...context('2026-12-09T10:00:00+09:00'), followUps: { praise: S310, survey: S310 } as never }, ledger);
    expect(withSurvey.reminders.map((r) => [r.id, r.round ?? ''])).toEqual([['p', ''], ['r', '']]);
    expect(asked).toEqual([[['r', 'a']]]);
  });

  it('a reminder without a due date has its first message and nothing more', async () => {
    const { ledger } = ledgerOf({ [pairKey('r', 'a')]: [FIRST] });
    const { due: _none, ...undated } = reminder({ to: ['a', 'b'] });
    const out = await inRounds([undated], context('2026-12-09T10:00:00+09:00'), ledger);
    expect(out.reminders.map((r) => [r.round ?? '', r.to])).toEqual([['', ['b']]]);
    expect(out.skips).toEqual([{ reminderId: 'r', recipient: 'a', reason: 'already-sent' }]);
  });
});

describe('the template of a round', () => {
  const settings = { templates: {}, followUpTemplates: {} };

  it('the first message uses the type\'s own; d0 the due-today variant; any other day the follow-up', () => {
    expect(templateForRound(settings, 'survey', 'ja', '')).toBe(DEFAULT_TEMPLATES.survey.ja);
    expect(templateForRound(settings, 'survey', 'en', 'd0')).toBe(FOLLOW_UP_DEFAULTS.survey.dueToday.en);
    expect(templateForRound(settings, 'update-survey', 'ja', 'd1')).toBe(FOLLOW_UP_DEFAULTS['update-survey'].followUp.ja);
    expect(templateForRound(settings, 'survey', 'en', 'd10')).toBe(FOLLOW_UP_DEFAULTS.survey.followUp.en);
    // Praise has no follow-up text: its own template, whatever the round.
    expect(templateForRound(settings, 'praise', 'en', 'd1')).toBe(DEFAULT_TEMPLATES.praise.en);
  });

  it('a custom follow-up template wins in its language only; one with an unknown placeholder is refused', () => {
    const custom = { templates: { survey: { en: 'first {to}' } }, followUpTemplates: { survey: { followUp: { en: 'again {to} {title}' }, dueToday: { ja: '本日 {to}' } } } };
    expect(templateForRound(custom, 'survey', 'en', 'd3')).toBe('again {to} {title}');
    expect(templateForRound(custom, 'survey', 'ja', 'd3')).toBe(FOLLOW_UP_DEFAULTS.survey.followUp.ja);
    expect(templateForRound(custom, 'survey', 'ja', 'd0')).toBe('本日 {to}');
    expect(templateForRound(custom, 'survey', 'en', 'd0')).toBe(FOLLOW_UP_DEFAULTS.survey.dueToday.en);
    expect(templateForRound(custom, 'survey', 'en', '')).toBe('first {to}');
    const bad = { templates: {}, followUpTemplates: { survey: { followUp: { en: 'again {nobody}' } } } };
    expect(() => templateForRound(bad, 'survey', 'en', 'd1')).toThrow(UsageError);
    expect(templateForRound(bad, 'survey', 'en', 'd0')).toBe(FOLLOW_UP_DEFAULTS.survey.dueToday.en);
  });
});
