import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { hashBody } from '../../src/delivery/body-hash.js';
import { mention, neutralize } from '../../src/delivery/notation.js';
import { directChatsOf } from '../helpers/direct-chats.js';
import { outboxDeliveries } from '../../src/delivery/outbox.js';
import { planDeliveries, type PlanView } from '../../src/delivery/plan.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { UsageError } from '../../src/errors/index.js';
import { pairKey, type PairState } from '../../src/store/store.js';

const contact = (account_id: number, name: string): Contact => ({
  account_id, room_id: account_id + 10_000, name, chatwork_id: `c${account_id}`, organization_id: 1, organization_name: 'Org', department: '',
});
const user = (id: string, name: string): HiManagerUser => ({ id, name, email: `${id}@example.com` });
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-11-24T00:00:00.000Z' });
const reminder = (id: string, to: string[], extra: Partial<Reminder> = {}): Reminder => ({
  id, type: 'survey', to, unknownRecipients: [], title: 'Q4 survey', due: '2026-12-04', url: 'https://example.com/s', record: 1, line: 1, ...extra,
});

const users = new Map([user('E1', '山田 太郎'), user('E2', '佐藤 花子'), user('E3', '鈴木 一郎'), user('E4', '[toall] 悪戯')].map((u) => [u.id, u]));
const contacts = [contact(2001, 'Yamada (Chatwork name)'), contact(2002, '佐藤 花子'), contact(2004, 'x')];
const links = new Map([['E1', link(2001)], ['E2', link(2002)], ['E3', link(2003)], ['E4', link(2004)]]);

function view(extra: Partial<PlanView> = {}): PlanView {
  return { users, links, destinations: { survey: 'dm', praise: 'room:77', 'update-survey': 'off' }, templates: {}, pairStates: new Map(), ...extra };
}

describe('plan: who gets what, where', () => {
  it('a DM per linked recipient, in the DM room of their contact, keyed by the pair', () => {
    const { deliveries, skips } = planDeliveries([reminder('r1', ['E1', 'E2'])], view(), directChatsOf(contacts), 'ja');
    expect(skips).toEqual([]);
    expect(deliveries.map((d) => [d.key, d.route, d.roomId, d.pairs, d.recipients])).toEqual([
      [pairKey('r1', 'E1'), 'dm', 12_001, [['r1', 'E1']], [{ userId: 'E1', accountId: 2001, name: '山田 太郎' }]],
      [pairKey('r1', 'E2'), 'dm', 12_002, [['r1', 'E2']], [{ userId: 'E2', accountId: 2002, name: '佐藤 花子' }]],
    ]);
    const [first] = deliveries;
    expect(first!.body.startsWith('[To:2001]山田 太郎さん\n[info][title]サーベイのお願い[/title]「Q4 survey」')).toBe(true);
    expect(first!.body).toContain('回答期限: 2026年12月4日（金）');
    expect(first!.bodyHash).toBe(hashBody(first!.body));
    expect(first!.type).toBe('survey');
    expect(first!.reminderId).toBe('r1');
  });

  it('one message to a room for a reminder, mentioning every linked recipient, keyed by room and who', () => {
    const a = planDeliveries([reminder('r1', ['E1', 'E2'], { type: 'praise', message: 'thanks', from: user('E9', 'Boss') })], view(), directChatsOf(contacts), 'en').deliveries;
    const b = planDeliveries([reminder('r1', ['E2', 'E1'], { type: 'praise', message: 'thanks', from: user('E9', 'Boss') })], view(), directChatsOf(contacts), 'en').deliveries;
    expect(a).toHaveLength(1);
    const [room] = a;
    expect(room).toMatchObject({ route: 'room', roomId: 77, type: 'praise', pairs: [['r1', 'E1'], ['r1', 'E2']] });
    expect(room!.key).toMatch(/^r1\u001froom:77\u001f[0-9a-f]{12}$/);
    // The same people in another order: the same delivery.
    expect(b[0]!.key).toBe(room!.key);
    expect(room!.body.startsWith('[To:2001]山田 太郎\n[To:2002]佐藤 花子\n[info][title]You received praise[/title]Boss sent you praise.[hr]thanks')).toBe(true);
    const fewer = planDeliveries([reminder('r1', ['E1'], { type: 'praise' })], view(), directChatsOf(contacts), 'en').deliveries;
    expect(fewer[0]!.key).not.toBe(room!.key);
  });

  it('never plans a pair the ledger has as sent, nor one deferred in its outbox', () => {
    const pairStates = new Map<string, PairState>([
      [pairKey('r1', 'E1'), { key: 'k1', status: 'sent', outbox: false }],
      [pairKey('r1', 'E2'), { key: 'k2', status: 'deferred', outbox: true }],
      [pairKey('r2', 'E1'), { key: 'k3', status: 'failed', outbox: false }],
      [pairKey('r2', 'E2'), { key: pairKey('r2', 'E2'), status: 'in-flight', outbox: false }],
    ]);
    const { deliveries, skips } = planDeliveries([reminder('r1', ['E1', 'E2']), reminder('r2', ['E1', 'E2'])], view({ pairStates }), directChatsOf(contacts), 'ja');
    expect(skips).toEqual([
      { reminderId: 'r1', recipient: 'E1', reason: 'already-sent' },
      { reminderId: 'r1', recipient: 'E2', reason: 'already-deferred' },
    ]);
    // Failed and crash-left pairs are planned again: the send loop reconciles an in-flight one under its own key.
    expect(deliveries.map((d) => d.key)).toEqual([pairKey('r2', 'E1'), pairKey('r2', 'E2')]);
  });

  it('says why each recipient was not planned', () => {
    const plan = planDeliveries([
      reminder('r1', ['E1'], { type: 'update-survey' }),
      reminder('r2', ['E5', 'E3'], { unknownRecipients: ['nobody@example.com'] }),
    ], view(), directChatsOf(contacts), 'ja');
    expect(plan.deliveries).toEqual([]);
    expect(plan.skips).toEqual([
      { reminderId: 'r1', recipient: 'E1', reason: 'off' },
      { reminderId: 'r2', recipient: 'nobody@example.com', reason: 'unknown-user' },
      { reminderId: 'r2', recipient: 'E5', reason: 'unlinked' },
      { reminderId: 'r2', recipient: 'E3', reason: 'contact-gone' },
    ]);
    const none = planDeliveries([reminder('r3', ['E1'])], view({ destinations: {} }), directChatsOf(contacts), 'ja');
    expect(none).toEqual({ deliveries: [], skips: [{ reminderId: 'r3', recipient: 'E1', reason: 'no-destination' }] });
  });

  it('someone who left the company gets nothing, whatever the type, and that is a skip of its own', () => {
    const retired = new Map(users);
    retired.set('E1', { ...users.get('E1')!, status: 'retired' });
    const plan = planDeliveries([reminder('r1', ['E1', 'E2']), reminder('r2', ['E1'], { type: 'update-survey' })], view({ users: retired }), directChatsOf(contacts), 'ja');
    expect(plan.deliveries.map((d) => [d.key, d.recipients.map((r) => r.userId)])).toEqual([[pairKey('r1', 'E2'), ['E2']]]);
    expect(plan.skips).toEqual([
      { reminderId: 'r1', recipient: 'E1', reason: 'retired' },
      { reminderId: 'r2', recipient: 'E1', reason: 'retired' },
    ]);
  });

  it('names a recipient the directory lacks by the contact name', () => {
    const { deliveries } = planDeliveries([reminder('r1', ['E7'])], view({ links: new Map([['E7', link(2002)]]) }), directChatsOf(contacts), 'en');
    expect(deliveries[0]!.recipients[0]!.name).toBe('佐藤 花子');
    expect(deliveries[0]!.body.startsWith('[To:2002]佐藤 花子\n')).toBe(true);
  });

  it('neutralises notation in the mention name and in every user text', () => {
    const { deliveries } = planDeliveries([reminder('r1', ['E4'], { title: '[toall]', url: '[info]x[/info]' })], view(), directChatsOf(contacts), 'ja');
    const body = deliveries[0]!.body;
    expect(body.startsWith('[To:2004]［toall］ 悪戯さん\n')).toBe(true);
    expect(body).toContain('「［toall］」');
    expect(body).toContain('［info］x［/info］');
    expect(body.match(/\[toall\]/g)).toBeNull();
  });
});

describe('outbox: deferred deliveries rebuilt from the ledger', () => {
  it('keeps key, room, pairs, body and hash; a room key or several pairs make a room delivery', () => {
    const [dm, room, pairs] = outboxDeliveries([
      { key: pairKey('r1', 'E1'), roomId: 5, pairs: [['r1', 'E1']], bodyHash: 'h1', intentAt: 0, kind: 'message', status: 'deferred', at: 1, deferred: { body: 'b1', type: 'praise', until: 9 } },
      { key: 'r2\u001froom:7\u001fabc', roomId: 7, pairs: [['r2', 'E1']], bodyHash: 'h2', intentAt: 0, kind: 'message', status: 'deferred', at: 1, deferred: { body: 'b2', type: 'survey', until: 9 } },
      { key: 'legacy', roomId: 8, pairs: [['r3', 'E1'], ['r3', 'E2']], bodyHash: 'h3', intentAt: 0, kind: 'message', status: 'in-flight', at: 1, deferred: { body: 'b3', type: 'survey', until: 9 } },
    ]);
    expect(dm).toEqual({
      key: pairKey('r1', 'E1'), fromOutbox: true, reminderId: 'r1', type: 'praise', route: 'dm', roomId: 5,
      recipients: [{ userId: 'E1', accountId: 0, name: 'E1' }], pairs: [['r1', 'E1']], body: 'b1', bodyHash: 'h1',
    });
    expect(room).toMatchObject({ route: 'room', reminderId: 'r2', type: 'survey', body: 'b2' });
    expect(pairs).toMatchObject({ route: 'room', reminderId: 'r3', recipients: [{ userId: 'E1' }, { userId: 'E2' }] });
    expect(outboxDeliveries([{ key: 'k', roomId: 1, pairs: [], bodyHash: 'h', intentAt: 0, kind: 'message', status: 'deferred', at: 1, deferred: { body: 'b', type: 'survey', until: 1 } }])[0]!.reminderId).toBe('k');
  });
});

describe('notation', () => {
  it('writes a mention the way Chatwork does, with the name made inert', () => {
    expect(mention(2001, '山田 太郎', 'さん')).toBe('[To:2001]山田 太郎さん');
    expect(mention(2001, '[toall][To:1]x[/To]', '')).toBe('[To:2001]［toall］［To:1］x［/To］');
    expect(neutralize('[[a]]')).toBe('［［a］］');
  });
});

describe('plan: group chat members, tasks, recalls', () => {
  const praise = (to: string[]) => reminder('p1', to, { type: 'praise', message: 'thanks', from: user('E9', 'Boss') });

  it('a group chat reaches only its members: the others are skipped, or sent a direct chat when the type says so', () => {
    const roomMembers = new Map([[77, new Set([2001])]]);
    const skipped = planDeliveries([praise(['E1', 'E2'])], view({ roomMembers }), directChatsOf(contacts), 'en');
    expect(skipped.deliveries.map((d) => [d.route, d.roomId, d.recipients.map((r) => r.userId)])).toEqual([['room', 77, ['E1']]]);
    expect(skipped.skips).toEqual([{ reminderId: 'p1', recipient: 'E2', reason: 'not-member' }]);
    const fallback = planDeliveries([praise(['E1', 'E2'])], view({ roomMembers, nonMembers: { praise: 'dm' } }), directChatsOf(contacts), 'en');
    expect(fallback.deliveries.map((d) => [d.route, d.roomId, d.recipients.map((r) => r.userId)])).toEqual([['dm', 12_002, ['E2']], ['room', 77, ['E1']]]);
    expect(fallback.skips).toEqual([]);
    // Nobody in the room: nothing to post there, or only the direct chats.
    const none = planDeliveries([praise(['E2'])], view({ roomMembers }), directChatsOf(contacts), 'en');
    expect(none.deliveries).toEqual([]);
    const onlyDirect = planDeliveries([praise(['E2'])], view({ roomMembers, nonMembers: { praise: 'dm' } }), directChatsOf(contacts), 'en');
    expect(onlyDirect.deliveries.map((d) => [d.route, d.roomId, d.recipients.map((r) => r.userId)])).toEqual([['dm', 12_002, ['E2']]]);
    // A room whose members could not be read is not checked.
    expect(planDeliveries([praise(['E1', 'E2'])], view(), directChatsOf(contacts), 'en').deliveries[0]!.recipients).toHaveLength(2);
  });

  it('a task is assigned, mentions nobody, and is due at 23:59 on its due date in the calendar time zone', () => {
    const [task] = planDeliveries([reminder('r1', ['E1'])], view({ deliverAs: { survey: 'task' }, timeZone: 'Asia/Tokyo' }), directChatsOf(contacts), 'ja').deliveries;
    expect(task).toMatchObject({ kind: 'task', route: 'dm', roomId: 12_001, taskLimit: Date.UTC(2026, 11, 4, 14, 59) / 1000 });
    expect(task!.body).not.toContain('[To:');
    expect(task!.body).toBe(task!.body.trim());
    expect(task!.body.startsWith('[info][title]サーベイのお願い[/title]')).toBe(true);
    // No calendar time zone set: Japan's.
    const [inTokyo] = planDeliveries([reminder('r1', ['E1'])], view({ deliverAs: { survey: 'task' } }), directChatsOf(contacts), 'ja').deliveries;
    expect(inTokyo!.taskLimit).toBe(task!.taskLimit);
    const [inLondon] = planDeliveries([reminder('r1', ['E1'])], view({ deliverAs: { survey: 'task' }, timeZone: 'Europe/London' }), directChatsOf(contacts), 'ja').deliveries;
    expect(inLondon!.taskLimit).toBe(Date.UTC(2026, 11, 4, 23, 59) / 1000);
    const [undated] = planDeliveries([reminder('r1', ['E1'], { due: undefined })], view({ deliverAs: { survey: 'task' } }), directChatsOf(contacts), 'ja').deliveries;
    expect(undated).toMatchObject({ kind: 'task' });
    expect(undated).not.toHaveProperty('taskLimit');
    const [message] = planDeliveries([reminder('r1', ['E1'])], view(), directChatsOf(contacts), 'ja').deliveries;
    expect(message).not.toHaveProperty('kind');
  });

  it('a recalled pair is never planned again under its reminder id', () => {
    const pairStates = new Map([[pairKey('r1', 'E1'), { key: 'k', status: 'sent' as const, outbox: false, recalled: true }]]);
    const plan = planDeliveries([reminder('r1', ['E1', 'E2'])], view({ pairStates }), directChatsOf(contacts), 'ja');
    expect(plan.skips).toEqual([{ reminderId: 'r1', recipient: 'E1', reason: 'recalled' }]);
    expect(plan.deliveries.map((d) => d.key)).toEqual([pairKey('r1', 'E2')]);
  });

  it('without bodies nothing is rendered, and with them every body has its hash', () => {
    const bare = planDeliveries([reminder('r1', ['E1']), praise(['E1', 'E2'])], view(), directChatsOf(contacts), 'ja', { bodies: false }).deliveries;
    expect(bare.map((d) => [d.body, d.bodyHash])).toEqual([['', ''], ['', '']]);
    const full = planDeliveries([reminder('r1', ['E1']), praise(['E1', 'E2'])], view(), directChatsOf(contacts), 'ja').deliveries;
    for (const d of full) expect(d.bodyHash).toBe(hashBody(d.body));
    expect(full[1]!.body).toContain('[To:2001]');
  });

  it('a deferred task comes back from the ledger as a task, with its due time and its assignees', () => {
    const [task, plain] = outboxDeliveries([
      { key: pairKey('r1', 'E1'), roomId: 5, pairs: [['r1', 'E1']], bodyHash: 'h', intentAt: 0, kind: 'task', taskLimit: 1_796_000_000, status: 'deferred', at: 1, deferred: { body: 'b', type: 'survey', until: 9 } },
      { key: pairKey('r1', 'E2'), roomId: 6, pairs: [['r1', 'E2']], bodyHash: 'h', intentAt: 0, kind: 'task', status: 'deferred', at: 1, deferred: { body: 'b', type: 'survey', until: 9 } },
    ], links);
    expect(task).toMatchObject({ kind: 'task', taskLimit: 1_796_000_000, recipients: [{ userId: 'E1', accountId: 2001 }] });
    expect(plain).toMatchObject({ kind: 'task', recipients: [{ userId: 'E2', accountId: 2002 }] });
    expect(plain).not.toHaveProperty('taskLimit');
  });

  it('a template is read only for a message to write: a broken one for a type that reaches nobody holds up nothing else', () => {
    const broken = view({ destinations: { survey: 'off', praise: 'dm', 'update-survey': 'off' }, templates: { survey: { ja: '{to} {oops}' } } });
    const { deliveries, skips } = planDeliveries([reminder('s1', ['E1']), praise(['E2'])], broken, directChatsOf(contacts), 'ja');
    expect(deliveries.map((d) => [d.reminderId, d.recipients.map((r) => r.userId)])).toEqual([['p1', ['E2']]]);
    expect(skips).toEqual([{ reminderId: 's1', recipient: 'E1', reason: 'off' }]);
    const reached = view({ templates: { survey: { ja: '{to} {oops}' } } });
    expect(() => planDeliveries([reminder('s1', ['E1'])], reached, directChatsOf(contacts), 'ja')).toThrow(/\{oops\}/);
  });

  it('a template that the longest accepted input would take past 65,535 characters is refused before anything is planned, even when this reminder is short', () => {
    const fourTitles = view({ templates: { survey: { ja: `{to}\n${'{title}'.repeat(4)}` } } });
    const error = (() => {
      try {
        planDeliveries([reminder('s1', ['E1'], { title: 'short' })], fourTitles, directChatsOf(contacts), 'ja');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).key).toBe('template.mayExceed');
    expect((error as UsageError).params).toMatchObject({ type: 'survey', lang: 'ja' });
    // Three titles fit whatever the input: the same short reminder is planned.
    const threeTitles = view({ templates: { survey: { ja: `{to}\n${'{title}'.repeat(3)}` } } });
    expect(planDeliveries([reminder('s1', ['E1'], { title: 'short' })], threeTitles, directChatsOf(contacts), 'ja').deliveries[0]!.body).toBe('[To:2001]山田 太郎さん\nshortshortshort');
  });
});
