import { describe, expect, it } from 'vitest';
import { splitHolds } from '../../src/delivery/holds.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import { leaveStatus, stillValidOn } from '../../src/leave/leave.js';
import type { LeavePeriod } from '../../src/store/store.js';

const p = (from: string, until?: string, source: LeavePeriod['source'] = 'command'): LeavePeriod => ({ userId: 'u', from, ...(until ? { until } : {}), source, setAt: '', setBy: '' });
const reminder = (over: Partial<Reminder>): Reminder => ({ id: 'r', type: 'survey', to: ['a', 'b'], unknownRecipients: [], record: 1, line: 1, ...over });

describe('leaveStatus', () => {
  it('covers both ends, and finds the day back across touching or overlapping periods', () => {
    expect(leaveStatus([p('2026-12-01', '2026-12-10')], '2026-11-30')).toEqual({ onLeave: false });
    expect(leaveStatus([p('2026-12-01', '2026-12-10')], '2026-12-01')).toEqual({ onLeave: true, back: '2026-12-11' });
    expect(leaveStatus([p('2026-12-01', '2026-12-10')], '2026-12-10')).toEqual({ onLeave: true, back: '2026-12-11' });
    expect(leaveStatus([p('2026-12-01', '2026-12-10')], '2026-12-11')).toEqual({ onLeave: false });
    expect(leaveStatus([p('2026-12-01', '2026-12-10'), p('2026-12-11', '2026-12-20', 'directory')], '2026-12-05').onLeave && true).toBe(true);
    expect(leaveStatus([p('2026-12-01', '2026-12-10'), p('2026-12-11', '2026-12-20', 'directory')], '2026-12-05')).toEqual({ onLeave: true, back: '2026-12-21' });
    expect(leaveStatus([p('2026-12-01', '2026-12-10'), p('2026-12-08')], '2026-12-05')).toEqual({ onLeave: true });
  });

  it('a reminder outlives a leave when it is praise, has no due date, or is due on or after the day back', () => {
    expect(stillValidOn({ type: 'praise', due: '2026-01-01' }, '2026-12-11')).toBe(true);
    expect(stillValidOn({ type: 'survey' }, undefined)).toBe(true);
    expect(stillValidOn({ type: 'survey', due: '2026-12-11' }, '2026-12-11')).toBe(true);
    expect(stillValidOn({ type: 'survey', due: '2026-12-10' }, '2026-12-11')).toBe(false);
    expect(stillValidOn({ type: 'survey', due: '2026-12-31' }, undefined)).toBe(false);
  });
});

describe('splitHolds', () => {
  const ctx = { now: Date.parse('2026-12-02T01:00:00Z'), today: '2026-12-02', leave: new Map([['b', [p('2026-12-01', '2026-12-10')]]]), openingOn: (date: string) => Date.parse(`${date}T00:00:00Z`) };

  it('keeps who is at work, holds who is away until their return, skips what is due before', () => {
    const { now, held, onLeave } = splitHolds([reminder({ due: '2026-12-18' }), reminder({ id: 's', due: '2026-12-04' })], ctx);
    expect(now.map((r) => [r.id, r.to])).toEqual([['r', ['a']], ['s', ['a']]]);
    expect(held.map((h) => [h.reminder.id, h.reminder.to, h.until, h.why])).toEqual([['r', ['b'], Date.parse('2026-12-11T00:00:00Z'), 'leave']]);
    expect(onLeave).toEqual([{ reminderId: 's', recipient: 'b', reason: 'on-leave' }]);
  });

  it('holds a record whose send_at is ahead whole, and the later of send_at and the return for someone away; a past send_at goes now', () => {
    const sendAt = Date.parse('2026-12-15T00:00:00Z');
    const { now, held } = splitHolds([reminder({ sendAt, unknownRecipients: ['x'] }), reminder({ id: 'past', sendAt: ctx.now - 1 })], ctx);
    expect(now.map((r) => [r.id, r.to, r.unknownRecipients])).toEqual([['r', [], ['x']], ['past', ['a'], []]]);
    expect(held.map((h) => [h.reminder.id, h.reminder.to, h.until, h.why])).toEqual([['r', ['a'], sendAt, 'send-at'], ['r', ['b'], sendAt, 'leave'], ['past', ['b'], Date.parse('2026-12-11T00:00:00Z'), 'leave']]);
  });
});

describe('sortOutboxHolds', async () => {
  const { sortOutboxHolds } = await import('../../src/delivery/outbox-holds.js');
  const entry = (key: string, pairs: [string, string, string?][], until: number) => ({
    key, roomId: 1, pairs, bodyHash: '', intentAt: 0, status: 'deferred' as const, at: 0, kind: 'message' as const,
    deferred: { body: 'b', type: 'survey' as const, until },
  });
  const now = Date.parse('2026-12-02T01:00:00Z');
  const ctx = {
    now, today: '2026-12-02', releaseBy: now, openingOn: (date: string) => Date.parse(`${date}T00:00:00Z`),
    leave: new Map([['b', [p('2026-12-01', '2026-12-10')]]]),
    reminders: new Map([['r', { type: 'survey', due: '2026-12-18', to: ['a', 'b', 'c'] }], ['s', { type: 'survey', due: '2026-12-04', to: ['b'] }]]),
  };

  it('lets go what is due, keeps what waits for its time or a return, withdraws who answered or whose reminder is due before they are back', () => {
    const out = sortOutboxHolds([
      entry('go', [['r', 'a']], now - 1),
      entry('later', [['r', 'a']], now + 1),
      entry('away', [['r', 'b']], now - 1),
      entry('expires', [['s', 'b']], now - 1),
      entry('answered', [['r', 'x']], now - 1),
      entry('room\u001froom:5\u001fh', [['r', 'a'], ['r', 'b']], now - 1),
      entry('boss', [['r', 'M', 'manager']], now - 1),
    ], ctx);
    expect(out.go.map((e) => e.key)).toEqual(['go', 'boss']);
    expect(out.wait.map((w) => [w.entry.key, w.until, w.why])).toEqual([['later', now + 1, undefined], ['away', Date.parse('2026-12-11T00:00:00Z'), 'leave']]);
    expect(out.withdraw.map((w) => [w.entry.key, [...w.causes]])).toEqual([
      ['expires', [['b', 'on-leave']]],
      ['answered', [['x', 'answered']]],
      // A group post naming someone on leave goes back to planning for everyone in it.
      ['room\u001froom:5\u001fh', [['a', 'with-others'], ['b', 'with-others']]],
    ]);
  });
});
