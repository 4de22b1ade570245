import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { directChatsOf } from '../helpers/direct-chats.js';
import { MAX_BODY, mention } from '../../src/delivery/notation.js';
import { planDeliveries, type PlanView } from '../../src/delivery/plan.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import { DEFAULT_TEMPLATES, formatDue, render } from '../../src/delivery/templates.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { pairKey, type PairState } from '../../src/store/store.js';

const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const people = (count: number) => Array.from({ length: count }, (_, i) => ({
  id: `E${String(i + 1).padStart(5, '0')}`, accountId: 3_000_000 + i, name: `${SURNAMES[i % SURNAMES.length]} 社員${i + 1}`,
}));
type Person = ReturnType<typeof people>[number];

function world(list: Person[], extra: Partial<PlanView> = {}) {
  const contacts: Contact[] = list.map((p) => ({
    account_id: p.accountId, room_id: p.accountId + 10_000_000, name: p.name, chatwork_id: '', organization_id: 1, organization_name: 'Org', department: '',
  }));
  const users = new Map<string, HiManagerUser>(list.map((p) => [p.id, { id: p.id, name: p.name, email: `${p.id}@example.com` }]));
  const links = new Map<string, Link>(list.map((p) => [p.id, { accountId: p.accountId, source: 'manual', linkedAt: '2026-11-24T00:00:00Z' }]));
  const view: PlanView = { users, links, destinations: { survey: 'room:77', praise: 'dm', 'update-survey': 'dm' }, templates: {}, pairStates: new Map(), ...extra };
  return { view, chats: directChatsOf(contacts) };
}
const survey = (to: string[], extra: Partial<Reminder> = {}): Reminder => ({
  id: 's1', type: 'survey', to, unknownRecipients: [], title: '2026年12月 エンゲージメントサーベイ', due: '2026-12-04', url: 'https://app.himanager.example/surveys/2026-12', record: 1, line: 1, ...extra,
});

describe('a group post whose mentions do not fit one message', () => {
  const everyone = people(3_500);
  const { view, chats } = world(everyone);
  const plan = planDeliveries([survey(everyone.map((p) => p.id))], view, chats, 'ja').deliveries;

  it('becomes several posts, each whole: title, URL and [/info] in every one, none over 65,535 characters', () => {
    expect(plan.length).toBeGreaterThan(1);
    for (const [i, post] of plan.entries()) {
      expect(post.body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(post.tooLong).toBeUndefined();
      expect(post.body).toContain('[info][title]サーベイのお願い[/title]「2026年12月 エンゲージメントサーベイ」へのご回答をお願いいたします。');
      expect(post.body).toContain('https://app.himanager.example/surveys/2026-12');
      expect(post.body.endsWith('[/info]')).toBe(true);
      expect(post.part).toEqual({ index: i + 1, count: plan.length });
      expect(post.route).toBe('room');
      expect(post.roomId).toBe(77);
    }
    // As few as fit: each but the last is full enough that the next mention would not have fitted.
    for (let i = 0; i + 1 < plan.length; i++) {
      const next = plan[i + 1]!.recipients[0]!;
      expect(plan[i]!.body.length + 1 + mention(next.accountId, next.name, 'さん').length).toBeGreaterThan(MAX_BODY);
    }
  });

  it('mentions every member exactly once across the posts, and each pair belongs to the post that mentions it', () => {
    const mentioned = plan.flatMap((post) => [...post.body.matchAll(/\[To:(\d+)\]/g)].map((m) => Number(m[1])));
    expect(mentioned).toHaveLength(3_500);
    expect(new Set(mentioned).size).toBe(3_500);
    for (const post of plan) {
      const inBody = [...post.body.matchAll(/\[To:(\d+)\]/g)].map((m) => Number(m[1]));
      expect(inBody).toEqual(post.recipients.map((r) => r.accountId));
      expect(post.pairs).toEqual(post.recipients.map((r) => ['s1', r.userId]));
    }
    expect(new Set(plan.map((post) => post.key)).size).toBe(plan.length);
  });

  it('makes the same posts under the same keys for the same people, whatever the input order, and again after some were sent', () => {
    const shuffled = everyone.map((p) => p.id).toReversed();
    const again = planDeliveries([survey(shuffled)], view, chats, 'ja').deliveries;
    expect(again.map((d) => [d.key, d.bodyHash])).toEqual(plan.map((d) => [d.key, d.bodyHash]));
    // The first post went out before a crash: the rest are the posts they were.
    const sent = new Map<string, PairState>(plan[0]!.pairs.map(([r, u]) => [pairKey(r, u), { key: plan[0]!.key, status: 'sent', outbox: false }]));
    const rest = planDeliveries([survey(shuffled)], { ...view, pairStates: sent }, chats, 'ja').deliveries;
    expect(rest.map((d) => d.key)).toEqual(plan.slice(1).map((d) => d.key));
  });

  it('keeps people whose post was left in flight together under that key, even when others changed around them', () => {
    const [first, second] = plan;
    const states = new Map<string, PairState>([
      ...first!.pairs.map(([r, u]): [string, PairState] => [pairKey(r, u), { key: first!.key, status: 'sent', outbox: false }]),
      ...second!.pairs.map(([r, u]): [string, PairState] => [pairKey(r, u), { key: second!.key, status: 'in-flight', outbox: false }]),
    ]);
    // Someone new joins the reminder, with an id that sorts among the people of the second post.
    const newcomer = { id: `${second!.recipients[0]!.userId}a`, accountId: 4_000_000, name: '新入 社員' };
    const grown = world([...everyone, newcomer], { pairStates: states });
    const replanned = planDeliveries([survey([...everyone.map((p) => p.id), newcomer.id])], grown.view, grown.chats, 'ja').deliveries;
    const inFlight = replanned.find((d) => d.key === second!.key)!;
    expect(inFlight.recipients.map((r) => r.userId)).toEqual(second!.recipients.map((r) => r.userId));
    expect(replanned.flatMap((d) => d.recipients.map((r) => r.userId)).toSorted()).toEqual([...plan.slice(1).flatMap((d) => d.recipients.map((r) => r.userId)), newcomer.id].toSorted());
  });

  it('stays one post, keyed as before, when everyone fits', () => {
    const few = people(5);
    const small = world(few);
    const [only, ...more] = planDeliveries([survey(few.map((p) => p.id))], small.view, small.chats, 'ja').deliveries;
    expect(more).toEqual([]);
    expect(only!.part).toBeUndefined();
    expect(only!.key).toMatch(/^s1\u001froom:77\u001f[0-9a-f]{12}$/);
  });

  it('splits by the budget each {to} leaves: a template with {to} twice holds half as many per post', () => {
    const twice = { survey: { ja: `${DEFAULT_TEMPLATES.survey.ja}\n{to}` } };
    const split = planDeliveries([survey(everyone.map((p) => p.id))], { ...view, templates: twice }, chats, 'ja').deliveries;
    expect(split.length).toBeGreaterThan(plan.length);
    for (const post of split) {
      expect(post.body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(post.body.match(/\[To:\d+\]/g)).toHaveLength(2 * post.recipients.length);
    }
  });
});

describe('a body that cannot fit 65,535 characters', () => {
  /** A recipient whose name takes the direct message to exactly `length` characters. */
  const named = (length: number) => {
    const template = DEFAULT_TEMPLATES.survey.ja;
    const base = render(template, { to: mention(5_000_001, '', 'さん'), title: 'T', due: formatDue('2026-12-04', 'ja'), url: 'https://x.example/', from: '', message: '' }).trim().length;
    return { id: 'L1', accountId: 5_000_001, name: '長'.repeat(length - base) };
  };
  const dm = (person: Person, others: Person[] = []) => {
    const { view, chats } = world([person, ...others], { destinations: { survey: 'dm', praise: 'dm', 'update-survey': 'dm' } });
    return planDeliveries([survey([person.id, ...others.map((p) => p.id)], { title: 'T', url: 'https://x.example/' })], view, chats, 'ja').deliveries;
  };

  it('at exactly 65,535 characters is planned as usual; at 65,536 it is marked too long, and only that one', () => {
    const [exact] = dm(named(MAX_BODY));
    expect(exact!.body).toHaveLength(MAX_BODY);
    expect(exact!.tooLong).toBeUndefined();
    const [over, ...others] = dm(named(MAX_BODY + 1), people(2));
    expect(over!.body).toHaveLength(MAX_BODY + 1);
    expect(over!.tooLong).toEqual({ length: MAX_BODY + 1 });
    expect(others.map((d) => d.tooLong)).toEqual([undefined, undefined]);
  });

  it('is measured even when a dry run keeps no bodies', () => {
    const person = named(MAX_BODY + 1);
    const { view, chats } = world([person], { destinations: { survey: 'dm', praise: 'dm', 'update-survey': 'dm' } });
    const [over] = planDeliveries([survey([person.id], { title: 'T', url: 'https://x.example/' })], view, chats, 'ja', { bodies: false }).deliveries;
    expect(over).toMatchObject({ body: '', tooLong: { length: MAX_BODY + 1 } });
  });

  it('in a group post: the one mention that cannot fit any post is a post of its own, too long; everyone else is posted', () => {
    const huge = { ...named(MAX_BODY + 10), id: 'E00002b' };
    const list = [...people(3), huge].sort((a, b) => a.id.localeCompare(b.id));
    const { view, chats } = world(list);
    const posts = planDeliveries([survey(list.map((p) => p.id))], view, chats, 'ja').deliveries;
    expect(posts.filter((d) => d.tooLong).map((d) => d.recipients.map((r) => r.userId))).toEqual([['E00002b']]);
    expect(posts.filter((d) => !d.tooLong).flatMap((d) => d.recipients.map((r) => r.userId)).toSorted()).toEqual(['E00001', 'E00002', 'E00003']);
  });

  it('is never planned again once it failed as too-long: final for that pair', () => {
    const person = people(1)[0]!;
    const { view, chats } = world([person], {
      pairStates: new Map([[pairKey('s1', person.id), { key: pairKey('s1', person.id), status: 'failed', outbox: false, reason: 'too-long' }]]),
    });
    const { deliveries, skips } = planDeliveries([survey([person.id])], view, chats, 'ja');
    expect(deliveries).toEqual([]);
    expect(skips).toEqual([{ reminderId: 's1', recipient: person.id, reason: 'too-long' }]);
    // Another failure is retried, as always.
    const retried = planDeliveries([survey([person.id])], { ...view, pairStates: new Map([[pairKey('s1', person.id), { key: 'k', status: 'failed', outbox: false, reason: 'HTTP 500: -' }]]) }, chats, 'ja');
    expect(retried.deliveries).toHaveLength(1);
  });
});
