import { describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { escalationKey, escalationTargets, planEscalations, type EscalationView } from '../../src/delivery/escalation.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { HiManagerUser } from '../../src/domain.js';
import { leaveStatus } from '../../src/leave/leave.js';
import type { DeliveryEntry, LeavePeriod } from '../../src/store/store.js';

/**
 * Managers hear of their reports still pending on the escalation day (here the due day,
 * Friday 2026-12-04), once. Someone whose leave ends the day before is back and listed;
 * someone whose leave ends that day or later is not: nobody expects their answer.
 */
const DAY = '2026-12-04';
const reminder: Reminder = { id: 'r1', type: 'survey', to: ['a', 'b'], unknownRecipients: [], title: 'Year end', due: DAY, record: 1, line: 1 };
const USERS: HiManagerUser[] = [
  { id: 'M', name: 'Boss', email: 'm@x.jp' }, { id: 'a', name: 'Ann', email: 'a@x.jp', managerId: 'M' }, { id: 'b', name: 'Bob', email: 'b@x.jp', managerId: 'M' },
];

function view(over: Partial<EscalationView> = {}, entries: Record<string, Partial<DeliveryEntry>> = {}, leave: LeavePeriod[] = []): EscalationView {
  const today = over.today ?? DAY;
  return {
    enabled: { survey: true }, today, escalationDay: (r) => r.due, users: new Map(USERS.map((u) => [u.id, u])),
    links: new Map([['M', { accountId: 900, source: 'manual', linkedAt: '' }]]), chats: new Map([[900, { accountId: 900, roomId: 9000, name: 'Boss' } as never]]),
    onLeave: (id) => leaveStatus(leave.filter((p) => p.userId === id), today).onLeave,
    entryOf: async (key) => entries[key] as DeliveryEntry | undefined, unsettled: new Set(), lang: 'en', ...over,
  };
}
const leaveOf = (userId: string, until: string): LeavePeriod => ({ userId, from: '2026-11-20', until, source: 'command', setAt: '', setBy: '' });
const plan = (v: EscalationView, reminders = [reminder]) => planEscalations(escalationTargets(reminders, v), v);

describe('whom a manager hears of', () => {
  it('on the escalation day and after, never the day before', () => {
    expect([...escalationTargets([reminder], view()).get(reminder)!]).toEqual([['M', ['a', 'b']]]);
    expect([...escalationTargets([reminder], view({ today: '2026-12-07' })).get(reminder)!]).toEqual([['M', ['a', 'b']]]);
    expect(escalationTargets([reminder], view({ today: '2026-12-03' })).size).toBe(0);
    expect(escalationTargets([reminder], view({ enabled: { survey: false, 'update-survey': true } })).size).toBe(0);
  });

  it.each([
    ['the day before the escalation day: back, listed', '2026-12-03', ['a', 'b']],
    ['on the escalation day: away, not listed', DAY, ['a']],
    ['the day after: away, not listed', '2026-12-05', ['a']],
  ])('a report whose leave ends %s', (_what, until, listed) => {
    const targets = escalationTargets([reminder], view({}, {}, [leaveOf('b', until)]));
    expect(targets.get(reminder)!.get('M')).toEqual(listed);
  });

  it('a retired report, or one without a manager, is no one\'s to hear of; a reminder with nobody left tells no manager', () => {
    const users = new Map<string, HiManagerUser>([
      ['M', USERS[0]!], ['a', { ...USERS[1]!, status: 'retired' }], ['b', { ...USERS[2]!, managerId: undefined }], ['c', { ...USERS[2]!, id: 'c', status: 'on-leave' }],
    ]);
    const targets = escalationTargets([{ ...reminder, to: ['a', 'b', 'c', 'ghost'] }, reminder], view({ users }));
    expect([...targets.values()].map((byManager) => [...byManager])).toEqual([[['M', ['c']]]]);
  });
});

describe('the manager\'s message', () => {
  it('one direct chat naming the reports, sorted, and the title; keyed (reminder, manager, \'manager\') with that pair', async () => {
    const { deliveries, skips } = await plan(view({}, {}), [{ ...reminder, to: ['b', 'a'], title: 'Q4 [toall]' }]);
    expect(skips).toEqual([]);
    const body = '[To:900]Boss\n[info][title]Reports who have not answered yet[/title]2 of your reports have not answered "Q4 ［toall］" yet.\n- Ann\n- Bob[/info]';
    expect(deliveries).toEqual([{
      key: escalationKey('r1', 'M', 1), reminderId: 'r1', type: 'survey', route: 'dm', roomId: 9000,
      recipients: [{ userId: 'M', accountId: 900, name: 'Boss' }], pairs: [['r1', 'M', 'manager']], body, bodyHash: hashBody(body),
    }]);
    expect(escalationKey('r1', 'M', 2)).toBe(`${escalationKey('r1', 'M', 1)}\u001fpart:2`);
  });

  it('in Japanese the manager and each report get さん; a report the directory no longer names is listed by id', async () => {
    const users = new Map(USERS.map((u) => [u.id, u]));
    const targets = new Map([[reminder, new Map([['M', ['a', 'zz9']]])]]);
    const { deliveries } = await planEscalations(targets, view({ lang: 'ja', users }));
    expect(deliveries[0]!.body).toContain('[To:900]Bossさん');
    expect(deliveries[0]!.body).toContain('・Annさん\n・zz9さん');
  });

  it('a name longer than a message can hold goes alone and is marked too long, never cut', async () => {
    const users = new Map<string, HiManagerUser>([['M', USERS[0]!], ['a', { ...USERS[1]!, name: 'x'.repeat(MAX_BODY) }], ['b', USERS[2]!]]);
    const { deliveries } = await plan(view({ users }));
    expect(deliveries.map((d) => [d.part, d.tooLong !== undefined])).toEqual([[{ index: 1, count: 2 }, false], [{ index: 2, count: 2 }, true]]);
    expect(deliveries[1]!.tooLong!.length).toBe(deliveries[1]!.body.length);
    expect(deliveries[1]!.pairs).toEqual([]);
  });
});

describe('a list in two parts', () => {
  // Bob's name does not fit beside Ann's (nor in one message): two parts, each with its own key.
  const sized = (length: number) => new Map<string, HiManagerUser>([['M', USERS[0]!], ['a', USERS[1]!], ['b', { ...USERS[2]!, name: 'x'.repeat(length) }]]);
  const users = sized(MAX_BODY);
  const [k1, k2] = [escalationKey('r1', 'M', 1), escalationKey('r1', 'M', 2)];
  const partsPlanned = async (entries: Record<string, Partial<DeliveryEntry>>) => (await plan(view({ users }, entries))).deliveries.map((d) => d.part?.index);

  it('each part is judged by its own entry in the ledger', async () => {
    expect(await partsPlanned({})).toEqual([1, 2]);
    expect(await partsPlanned({ [k1]: { status: 'sent' } })).toEqual([2]);
    expect(await partsPlanned({ [k2]: { status: 'sent' } })).toEqual([1]);
    expect(await partsPlanned({ [k1]: { status: 'sent' }, [k2]: { status: 'deferred' } })).toEqual([]);
  });

  it('a part of exactly 65,535 characters goes; one more and it is too long', async () => {
    const second = async (length: number) => (await plan(view({ users: sized(length) }))).deliveries[1]!;
    const probe = await second(MAX_BODY);
    const fitting = MAX_BODY - (probe.body.length - MAX_BODY);
    const exact = await second(fitting);
    expect([exact.part, exact.body.length, exact.tooLong]).toEqual([{ index: 2, count: 2 }, MAX_BODY, undefined]);
    expect((await second(fitting + 1)).tooLong).toEqual({ length: MAX_BODY + 1 });
  });
});

describe('once per manager, whatever the ledger says', () => {
  const key = escalationKey('r1', 'M', 1);
  const skipsOf = async (entry: Partial<DeliveryEntry>, over: Partial<EscalationView> = {}) => {
    const { deliveries, skips } = await plan(view(over, { [key]: entry }));
    return { planned: deliveries.length, skips: skips.map((s) => [s.recipient, s.reason, s.round]) };
  };

  it('sent, held, or refused as too long: not again, and a sent one is an already-sent skip', async () => {
    expect(await skipsOf({ status: 'sent' })).toEqual({ planned: 0, skips: [['M', 'already-sent', 'manager']] });
    expect(await skipsOf({ status: 'deferred' })).toEqual({ planned: 0, skips: [] });
    expect(await skipsOf({ status: 'failed', reason: 'too-long' })).toEqual({ planned: 0, skips: [] });
  });

  it('failed for another reason: planned again; in flight: planned again to be reconciled, unless its room could not be read', async () => {
    expect(await skipsOf({ status: 'failed', reason: 'http-500' })).toEqual({ planned: 1, skips: [] });
    expect(await skipsOf({ status: 'in-flight' })).toEqual({ planned: 1, skips: [] });
    expect(await skipsOf({ status: 'in-flight' }, { unsettled: new Set([key]) })).toEqual({ planned: 0, skips: [['M', 'in-flight', 'manager']] });
    expect(await skipsOf({ status: 'sent' }, { unsettled: new Set([key]) })).toEqual({ planned: 0, skips: [['M', 'already-sent', 'manager']] });
  });

  it('recalled: never again', async () => {
    expect(await skipsOf({ status: 'sent', recall: { state: 'recalled', at: 1 } })).toEqual({ planned: 0, skips: [['M', 'recalled', 'manager']] });
  });

  it('a manager unlinked, retired, unknown, or whose direct chat is gone is a skip naming why', async () => {
    expect(await skipsOf({}, { links: new Map() })).toEqual({ planned: 0, skips: [['M', 'manager-unlinked', 'manager']] });
    const retired = new Map(USERS.map((u) => [u.id, u.id === 'M' ? { ...u, status: 'retired' as const } : u]));
    expect(await skipsOf({}, { users: retired })).toEqual({ planned: 0, skips: [['M', 'manager-unlinked', 'manager']] });
    const users = new Map(USERS.filter((u) => u.id !== 'M').map((u) => [u.id, u]));
    expect(await skipsOf({}, { users })).toEqual({ planned: 0, skips: [['M', 'manager-unlinked', 'manager']] });
    expect(await skipsOf({}, { chats: new Map() })).toEqual({ planned: 0, skips: [['M', 'manager-contact-gone', 'manager']] });
  });
});
