import { describe, expect, it } from 'vitest';
import { holdOfDelivery, splitHolds, type HoldContext } from '../../src/delivery/holds.js';
import { sortOutboxHolds, type OutboxHoldContext } from '../../src/delivery/outbox-holds.js';
import type { Delivery } from '../../src/delivery/plan.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import { parseSendAt } from '../../src/delivery/send-at.js';
import { leaveOfRow } from '../../src/himanager-users/leave-columns.js';
import { leaveStatus, stillValidOn } from '../../src/leave/leave.js';
import type { DeliveryEntry, LeavePeriod } from '../../src/store/store.js';

/**
 * Leave against a due date on its boundaries. Due Friday 2026-12-18; the run is on 2026-12-14,
 * when `b` is on leave. A leave that ends the day before due (12-17) brings them back on the
 * due day: what they were sent waits for that morning. One that ends on the due day or after
 * brings them back too late: the reminder is skipped (or withdrawn from the outbox), never sent
 * after its due date, never sent to someone still away.
 */
const DUE = '2026-12-18';
const TODAY = '2026-12-14';
const period = (from: string, until?: string, reason?: string): LeavePeriod =>
  ({ userId: 'b', from, ...(until ? { until } : {}), ...(reason ? { reason } : {}), source: 'command', setAt: '', setBy: '' });
const opening = (date: string) => Date.parse(`${date}T00:00:00Z`);
const NOW = Date.parse('2026-12-14T01:00:00Z');
const reminder = (over: Partial<Reminder> = {}): Reminder => ({ id: 'r', type: 'survey', to: ['a', 'b'], unknownRecipients: [], record: 1, line: 1, due: DUE, ...over });
const holdCtx = (leave: LeavePeriod[] | undefined, over: Partial<HoldContext> = {}): HoldContext =>
  ({ now: NOW, today: TODAY, leave: new Map(leave ? [['b', leave]] : []), openingOn: opening, ...over });

describe('leave ending the day before, on, or after the due date', () => {
  it.each([
    ['the day before due: back on the due day, held until its opening', '2026-12-17', 'held'],
    ['on the due day: back after it, skipped', DUE, 'skipped'],
    ['the day after due: skipped', '2026-12-19', 'skipped'],
  ] as const)('planning: a leave ending %s', (_what, until, outcome) => {
    const { now, held, onLeave } = splitHolds([reminder()], holdCtx([period('2026-12-10', until)]));
    expect(now.map((r) => r.to)).toEqual([['a']]);
    if (outcome === 'held') {
      expect(held).toEqual([{ reminder: reminder({ to: ['b'] }), until: opening(DUE), why: 'leave' }]);
      expect(onLeave).toEqual([]);
    } else {
      expect(held).toEqual([]);
      expect(onLeave).toEqual([{ reminderId: 'r', recipient: 'b', reason: 'on-leave' }]);
    }
  });

  it.each([
    ['the day before due: it waits for their return', '2026-12-17', 'wait'],
    ['on the due day: withdrawn', DUE, 'withdraw'],
    ['the day after due: withdrawn', '2026-12-19', 'withdraw'],
  ] as const)('the outbox: a direct chat held for someone whose leave ends %s', (_what, until, outcome) => {
    const out = sortOutboxHolds([deferred('k', [['r', 'b']], NOW - 1)], outboxCtx([period('2026-12-10', until)]));
    if (outcome === 'wait') {
      expect(out).toMatchObject({ go: [], withdraw: [], wait: [{ until: opening(DUE), why: 'leave' }] });
    } else {
      expect(out).toMatchObject({ go: [], wait: [] });
      expect(out.withdraw.map((w) => [...w.causes])).toEqual([[['b', 'on-leave']]]);
    }
  });

  it('a reminder outlives a leave when due on or after the day back, never when due the day before; praise and undated ones always do', () => {
    expect(stillValidOn({ type: 'survey', due: DUE }, DUE)).toBe(true);
    expect(stillValidOn({ type: 'survey', due: DUE }, '2026-12-19')).toBe(false);
    expect(stillValidOn({ type: 'survey', due: DUE }, '2026-12-17')).toBe(true);
    expect(stillValidOn({ type: 'praise', due: DUE }, undefined)).toBe(true);
    expect(stillValidOn({ type: 'update-survey' }, '2027-01-01')).toBe(true);
    expect(stillValidOn({ type: 'update-survey', due: DUE }, undefined)).toBe(false);
  });
});

describe('leaveStatus', () => {
  it('is on leave from the first to the last day inclusive, back the day after; the reason is the covering period\'s', () => {
    expect(leaveStatus([period('2026-12-14', '2026-12-14', '育休')], TODAY)).toEqual({ onLeave: true, back: '2026-12-15', reason: '育休' });
    expect(leaveStatus([period('2026-12-15', '2026-12-20')], TODAY)).toEqual({ onLeave: false });
    expect(leaveStatus([period('2026-12-01', '2026-12-13')], TODAY)).toEqual({ onLeave: false });
    expect(leaveStatus(undefined, TODAY)).toEqual({ onLeave: false });
    expect(leaveStatus([], TODAY)).toEqual({ onLeave: false });
  });

  it('walks on through periods that touch or overlap, to the latest end; one with no end leaves the return unknown', () => {
    expect(leaveStatus([period('2026-12-10', '2026-12-20', '休職'), period('2026-12-12', '2026-12-16', '育休')], TODAY))
      .toEqual({ onLeave: true, back: '2026-12-21', reason: '休職' });
    expect(leaveStatus([period('2026-12-10', '2026-12-14'), period('2026-12-15', '2026-12-16'), period('2026-12-17', '2026-12-17')], TODAY))
      .toEqual({ onLeave: true, back: '2026-12-18' });
    expect(leaveStatus([period('2026-12-10', '2026-12-14'), period('2026-12-16', '2026-12-20')], TODAY)).toEqual({ onLeave: true, back: '2026-12-15' });
    expect(leaveStatus([period('2026-12-10', '2026-12-14', '休職'), period('2026-12-15')], TODAY)).toEqual({ onLeave: true, reason: '休職' });
    expect(leaveStatus([period('2026-12-10')], TODAY)).toEqual({ onLeave: true });
    // An ended and an open one both cover the day: the return is unknown.
    expect(leaveStatus([period('2026-12-10', '2026-12-20'), period('2026-12-12')], TODAY)).toEqual({ onLeave: true });
  });
});

describe('splitHolds: what waits before planning', () => {
  it('someone away with no known return waits with no time for an undated reminder, and is skipped for a dated one', () => {
    const { now, held, onLeave } = splitHolds([reminder({ to: ['a', 'b'] })], holdCtx([period('2026-12-10')]));
    expect([now.map((r) => r.to), held, onLeave]).toEqual([[['a']], [], [{ reminderId: 'r', recipient: 'b', reason: 'on-leave' }]]);
    const undated = splitHolds([reminder({ to: ['a', 'b'], due: undefined })], holdCtx([period('2026-12-10')]));
    expect(undated.held).toEqual([{ reminder: reminder({ to: ['b'], due: undefined }), why: 'leave' }]);
    expect(undated.held[0]).not.toHaveProperty('until');
  });

  it('two returns are two holds, one return one', () => {
    const leave = new Map([
      ['c', [period('2026-12-10', '2026-12-15')]], ['d', [period('2026-12-12', '2026-12-15')]], ['e', [period('2026-12-10', '2026-12-16')]],
    ]);
    const { now, held } = splitHolds([reminder({ to: ['a', 'c', 'd', 'e'], unknownRecipients: ['x'] })], { ...holdCtx(undefined), leave });
    expect(now).toEqual([reminder({ to: ['a'], unknownRecipients: ['x'] })]);
    expect(held).toEqual([
      { reminder: reminder({ to: ['c', 'd'] }), until: opening('2026-12-16'), why: 'leave' },
      { reminder: reminder({ to: ['e'] }), until: opening('2026-12-17'), why: 'leave' },
    ]);
  });

  it('nobody away and no send_at ahead: the reminder as it is; everyone away: an empty part now', () => {
    const input = reminder();
    expect(splitHolds([input], holdCtx([period('2026-12-01', '2026-12-02')])).now[0]).toBe(input);
    expect(splitHolds([input], holdCtx(undefined)).now[0]).toBe(input);
    const { now, held } = splitHolds([reminder({ to: ['b'], unknownRecipients: ['x'] })], holdCtx([period('2026-12-10', '2026-12-15')]));
    expect(now).toEqual([reminder({ to: [], unknownRecipients: ['x'] })]);
    expect(held).toHaveLength(1);
  });

  it('a send_at now or past goes now; one a millisecond ahead waits whole, the later of it and a return for someone away', () => {
    expect(splitHolds([reminder({ sendAt: NOW })], holdCtx(undefined))).toEqual({ now: [reminder({ sendAt: NOW })], held: [], onLeave: [] });
    const soon = NOW + 1;
    expect(splitHolds([reminder({ sendAt: soon })], holdCtx(undefined))).toEqual({
      now: [], held: [{ reminder: reminder({ sendAt: soon }), until: soon, why: 'send-at' }], onLeave: [],
    });
    const late = opening('2026-12-20');
    const { held } = splitHolds([reminder({ sendAt: late })], holdCtx([period('2026-12-10', '2026-12-15')]));
    expect(held.map((h) => [h.reminder.to, h.until, h.why])).toEqual([[['a'], late, 'send-at'], [['b'], late, 'leave']]);
    const early = splitHolds([reminder({ sendAt: soon, to: ['b'] })], holdCtx([period('2026-12-10', '2026-12-15')]));
    expect(early).toEqual({ now: [], held: [{ reminder: reminder({ sendAt: soon, to: ['b'] }), until: opening('2026-12-16'), why: 'leave' }], onLeave: [] });
  });

  it('finds the hold of a planned delivery by its first pair; a delivery of another person or with no pair has none', () => {
    const { held } = splitHolds([reminder({ sendAt: NOW + 1 })], holdCtx([period('2026-12-10', '2026-12-15')]));
    const holdOf = holdOfDelivery(held);
    const delivery = (pairs: Delivery['pairs']) => ({ pairs }) as Delivery;
    expect(holdOf(delivery([['r', 'a']]))).toBe(held[0]);
    expect(holdOf(delivery([['r', 'b', 'd1'], ['r', 'a']]))).toBe(held[1]);
    expect(holdOf(delivery([['r', 'x']]))).toBeUndefined();
    expect(holdOf(delivery([['s', 'a']]))).toBeUndefined();
    expect(holdOf(delivery([]))).toBeUndefined();
  });
});

function deferred(key: string, pairs: [string, string, string?][], until: number, over: Partial<DeliveryEntry> = {}): DeliveryEntry {
  return {
    key, roomId: 1, pairs: pairs as DeliveryEntry['pairs'], bodyHash: '', intentAt: 0, status: 'deferred', at: 0, kind: 'message',
    deferred: { body: 'b', type: 'survey', until }, ...over,
  } as DeliveryEntry;
}
const outboxCtx = (leave: LeavePeriod[] | undefined, over: Partial<OutboxHoldContext> = {}): OutboxHoldContext => ({
  ...holdCtx(leave), releaseBy: NOW,
  reminders: new Map([['r', { type: 'survey', due: DUE, to: ['a', 'b', 'c'] }]]), ...over,
});

describe('sortOutboxHolds: what the outbox held, judged again', () => {
  it('a hold whose time is exactly now goes; a millisecond later it waits for it', () => {
    const out = sortOutboxHolds([deferred('now', [['r', 'a']], NOW), deferred('later', [['r', 'a']], NOW + 1)], outboxCtx(undefined));
    expect(out.go.map((e) => e.key)).toEqual(['now']);
    expect(out.wait).toEqual([{ entry: expect.objectContaining({ key: 'later' }), until: NOW + 1 }]);
  });

  it('what is not deferred (in flight) goes on to be reconciled, whatever it says', () => {
    const flying = deferred('fly', [['r', 'x']], NOW + 99, { status: 'in-flight' });
    const bare = deferred('bare', [['r', 'x']], NOW + 99, { deferred: undefined });
    expect(sortOutboxHolds([flying, bare], outboxCtx([period('2026-12-10')]))).toEqual({ go: [flying, bare], wait: [], withdraw: [] });
  });

  it('someone gone from an input that still lists the reminder answered; a reminder the input does not list, or a manager\'s list, is no answer', () => {
    const out = sortOutboxHolds([
      deferred('digest', [['r', 'a'], ['r', 'x']], NOW + 99),
      deferred('other', [['s', 'x']], NOW - 1),
      deferred('boss', [['r', 'M', 'manager']], NOW - 1),
    ], outboxCtx(undefined));
    expect(out.withdraw.map((w) => [w.entry.key, [...w.causes]])).toEqual([['digest', [['a', 'with-others'], ['x', 'answered']]]]);
    expect(out.go.map((e) => e.key)).toEqual(['other', 'boss']);
  });

  it('someone away with no known return: an undated reminder waits with no time, a dated one is withdrawn; one the input no longer lists waits', () => {
    const undated = outboxCtx([period('2026-12-10')], { reminders: new Map([['r', { type: 'survey', to: ['b'] }]]) });
    const open = sortOutboxHolds([deferred('k', [['r', 'b']], NOW - 1)], undated);
    expect(open.wait).toEqual([{ entry: expect.objectContaining({ key: 'k' }), why: 'leave' }]);
    const dated = sortOutboxHolds([deferred('k', [['r', 'b']], NOW - 1)], outboxCtx([period('2026-12-10')]));
    expect(dated.withdraw.map((w) => [...w.causes])).toEqual([[['b', 'on-leave']]]);
    const unlisted = sortOutboxHolds([deferred('k', [['gone', 'b']], NOW - 1)], outboxCtx([period('2026-12-10', '2026-12-15')]));
    expect(unlisted.wait).toEqual([{ entry: expect.objectContaining({ key: 'k' }), until: opening('2026-12-16'), why: 'leave' }]);
  });

  it('a digest for someone away waits for the latest return its reminders allow', () => {
    const ctx = outboxCtx([period('2026-12-10', '2026-12-15')], {
      reminders: new Map([['r', { type: 'survey', due: DUE, to: ['b'] }], ['s', { type: 'survey', due: '2026-12-31', to: ['b'] }]]),
    });
    const out = sortOutboxHolds([deferred('r\u001fdigest:1\u001fh', [['r', 'b'], ['s', 'b']], NOW - 1)], ctx);
    expect(out.wait.map((w) => [w.until, w.why])).toEqual([[opening('2026-12-16'), 'leave']]);
    // One of its reminders due before the return: withdrawn, that person's cause told.
    const tight = outboxCtx([period('2026-12-10', '2026-12-20')], {
      reminders: new Map([['r', { type: 'survey', due: DUE, to: ['b'] }], ['s', { type: 'survey', due: '2026-12-31', to: ['b'] }]]),
    });
    expect(sortOutboxHolds([deferred('r\u001fdigest:1\u001fh', [['r', 'b'], ['s', 'b']], NOW - 1)], tight).withdraw.map((w) => [...w.causes])).toEqual([[['b', 'on-leave']]]);
  });

  it('a group chat post naming someone away is withdrawn for everyone, even when it would still be valid on their return', () => {
    const out = sortOutboxHolds([deferred('r\u001froom:5\u001fh', [['r', 'a'], ['r', 'b']], NOW - 1, { roomId: 5 })], outboxCtx([period('2026-12-10', '2026-12-15')]));
    expect(out.withdraw.map((w) => [...w.causes])).toEqual([[['a', 'with-others'], ['b', 'with-others']]]);
    expect(out.wait).toEqual([]);
  });
});

describe('a users file\'s leave columns', () => {
  /** `today` null: the caller knows no date. */
  const row = (values: Record<string, unknown>, status?: 'active' | 'on-leave' | 'retired', today: string | null = TODAY) => leaveOfRow(values, status, today ?? undefined);

  it('refuses a date that is not one, naming the column and the value, and records nothing', () => {
    expect(row({ leaveFrom: '2026-02-30', leaveUntil: '2026/12/20' })).toEqual({ problems: [
      { key: 'users.badLeaveDate', params: { field: 'leave_from', value: '2026-02-30' } },
      { key: 'users.badLeaveDate', params: { field: 'leave_until', value: '2026/12/20' } },
    ] });
    expect(row({ leaveFrom: 46000 })).toEqual({ problems: [{ key: 'users.badLeaveDate', params: { field: 'leave_from', value: '46000' } }] });
    expect(row({ leaveFrom: ' 2026-12-01 ', leaveUntil: true })).toEqual({ period: { from: '2026-12-01' }, problems: [] });
  });

  it('a last day before the first is refused; on the same day it is a one-day leave', () => {
    expect(row({ leaveFrom: '2026-12-10', leaveUntil: '2026-12-09' })).toEqual({ problems: [{ key: 'users.leaveUntilBeforeFrom', params: { from: '2026-12-10', until: '2026-12-09' } }] });
    expect(row({ leaveFrom: '2026-12-10', leaveUntil: '2026-12-10' })).toEqual({ period: { from: '2026-12-10', until: '2026-12-10' }, problems: [] });
  });

  it('a last day alone started today: over when it is yesterday, still on today', () => {
    expect(row({ leaveUntil: '2026-12-13' })).toEqual({ problems: [] });
    expect(row({ leaveUntil: TODAY })).toEqual({ period: { from: TODAY, until: TODAY }, problems: [] });
    expect(row({ leaveUntil: '2026-12-20' }, undefined, null)).toEqual({ problems: [] });
  });

  it('no dates: a status that says on leave is a leave from today with no end, its word the reason unless a reason is given', () => {
    expect(row({ status: '育休' }, 'on-leave')).toEqual({ period: { from: TODAY, reason: '育休' }, problems: [] });
    expect(row({ status: '休職中', leaveReason: ' 療養 ' }, 'on-leave')).toEqual({ period: { from: TODAY, reason: '療養' }, problems: [] });
    expect(row({ status: '休職中' }, 'on-leave', null)).toEqual({ problems: [] });
    expect(row({ status: '在籍' }, 'active')).toEqual({ problems: [] });
    expect(row({}, 'on-leave')).toEqual({ period: { from: TODAY }, problems: [] });
  });

  it('the status word is a reason only for a leave status; a reason is cut at 255 characters', () => {
    expect(row({ leaveFrom: '2026-12-01', status: '退職' }, 'retired')).toEqual({ period: { from: '2026-12-01' }, problems: [] });
    expect(row({ leaveFrom: '2026-12-01', status: '産休' }, 'on-leave')).toEqual({ period: { from: '2026-12-01', reason: '産休' }, problems: [] });
    expect(row({ leaveFrom: '2026-12-01', leaveReason: 'x'.repeat(300) }).period!.reason).toHaveLength(255);
  });
});

describe('send_at', () => {
  it('takes a date and a time with an explicit offset, to the millisecond', () => {
    expect(parseSendAt('2026-12-01T09:00:00+09:00')).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parseSendAt(' 2026-12-01 09:00z ')).toBe(Date.parse('2026-12-01T09:00:00Z'));
    expect(parseSendAt('2026-12-01T09:00-0130')).toBe(Date.parse('2026-12-01T10:30:00Z'));
    expect(parseSendAt('2026-12-01T09:00:30.5Z')).toBe(Date.parse('2026-12-01T09:00:30.500Z'));
    expect(parseSendAt('2026-12-01T09:00:30.123+00:00')).toBe(Date.parse('2026-12-01T09:00:30.123Z'));
  });

  it('refuses one without an offset, without a time, with a fourth fraction digit, or on a day that does not exist', () => {
    for (const text of ['2026-12-01T09:00:00', '2026-12-01', '2026-12-01T09:00:00.1234Z', '2026-02-30T09:00Z', '2026-12-01T9:00Z', '2026-12-01T09:00+9', '2026-12-01X09:00Z', '']) {
      expect(parseSendAt(text), text).toBeUndefined();
    }
  });
});
