import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AffectedPerson, AlertInput } from '../../src/alerts/alert-input.js';
import { planAlert } from '../../src/alerts/alert-plan.js';
import { renderAlert } from '../../src/alerts/alert-text.js';
import type { Delivery, Skip } from '../../src/delivery/plan.js';
import type { Outcome } from '../../src/delivery/send.js';
import type { HiManagerUser } from '../../src/domain.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { alertInputOf, newlyUnreachableOf, postRunAlert } from '../../src/flows/run-alert.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

const NONE: AlertInput = { failures: [], newlyUnreachable: [], roomsGone: [] };
const context = { roomId: 77, lang: 'en' as const, destinations: { survey: 'room:500', praise: 'dm' }, run: { id: 'run-1', host: 'cron-1' }, now: 1_000 };
const en = createTranslator('en');
const users = new Map<string, HiManagerUser>([['E1', { id: 'E1', name: '山田 太郎' } as HiManagerUser], ['E2', { id: 'E2', name: '佐藤 花子' } as HiManagerUser]]);

const delivery = (over: Partial<Delivery>): Delivery => ({
  key: 'k', reminderId: 'r1', type: 'survey', route: 'dm', roomId: 900, recipients: [{ userId: 'E1', accountId: 1, name: 'Chatwork 名' }], pairs: [['r1', 'E1']], body: 'b', bodyHash: 'h', ...over,
} as Delivery);

describe('what a finished run alerts about', () => {
  it('a group chat post answered 404 is a gone room, told once per room, not as failures of its people', () => {
    const gone = (roomId: number, key = 'api.notFound'): Outcome => ({ kind: 'failed', delivery: delivery({ route: 'room', roomId, type: 'praise' }), reason: 'x', message: { key, params: { status: 404 } } as never });
    const input = alertInputOf([gone(500), gone(500, 'api.error'), gone(501)], [], users, 'en');
    expect(input).toEqual({ failures: [], newlyUnreachable: [], roomsGone: [{ roomId: 500, type: 'praise' }, { roomId: 501, type: 'praise' }] });
  });

  it('a 404 to a direct chat, a 403 to a room, and other failures are failures of each recipient, under the directory\'s name', () => {
    const outcomes: Outcome[] = [
      { kind: 'failed', delivery: delivery({}), reason: 'x', message: { key: 'api.notFound', params: { status: 404 } } as never },
      { kind: 'failed', delivery: delivery({ route: 'room', roomId: 500, recipients: [{ userId: 'E2', accountId: 2, name: 'cw' }, { userId: 'E9', accountId: 9, name: 'Chatwork 九' }] }), reason: 'x', message: { key: 'api.error', params: { status: 403, detail: 'no' } } as never },
      { kind: 'failed', delivery: delivery({ route: 'room', roomId: 501 }), reason: 'network down' },
      { kind: 'delivered', delivery: delivery({}), messageId: '1', how: 'posted' },
      { kind: 'pending', delivery: delivery({}), reason: 'stopped' },
    ];
    const input = alertInputOf(outcomes, [], users, 'en');
    expect(input.roomsGone).toEqual([]);
    expect(input.failures.map((p) => [p.userId, p.name, p.type])).toEqual([
      ['E1', '山田 太郎', 'survey'], ['E2', '佐藤 花子', 'survey'], ['E9', 'Chatwork 九', 'survey'], ['E1', '山田 太郎', 'survey'],
    ]);
    expect(input.failures[0]!.reason).toBe(en('api.notFound', { status: 404 }));
    expect(input.failures[3]!.reason).toBe('network down');
    expect(input.failures.some((p) => 'unconfirmed' in p)).toBe(false);
  });

  it('a room post failing with another error that happens to carry 404 is a failure, not a gone room', () => {
    const input = alertInputOf([{ kind: 'failed', delivery: delivery({ route: 'room', roomId: 500 }), reason: 'x', message: { key: 'api.rateLimited', params: { status: 404 } } as never }], [], users, 'en');
    expect(input.roomsGone).toEqual([]);
    expect(input.failures).toHaveLength(1);
  });

  it('a post with no answer that was not found in the room is unconfirmed (the next run looks again)', () => {
    const input = alertInputOf([{ kind: 'failed', delivery: delivery({}), reason: 'ambiguous: no answer' }], [], users, 'en');
    expect(input.failures).toEqual([{ userId: 'E1', name: '山田 太郎', reason: 'ambiguous: no answer', type: 'survey', unconfirmed: true }]);
  });

  it('the newly unreachable are the exit policy\'s new skips still in the directory, each with the type of their first skip', () => {
    const skips: Skip[] = [{ reminderId: 'r2', recipient: 'E1', reason: 'not-member' }, { reminderId: 'r1', recipient: 'E1', reason: 'not-member' }, { reminderId: 'rX', recipient: 'E2', reason: 'unlinked' }];
    const typeOf = new Map([['r1', 'praise' as const], ['r2', 'survey' as const]]);
    const people = newlyUnreachableOf([{ recipient: 'E1', reason: 'not-member' }, { recipient: 'E2', reason: 'unlinked' }, { recipient: 'GONE', reason: 'unlinked' }], skips, users, typeOf);
    expect(people).toEqual([{ userId: 'E1', name: '山田 太郎', reason: 'not-member', type: 'survey' }, { userId: 'E2', name: '佐藤 花子', reason: 'unlinked' }]);
  });
});

describe('the newly unreachable without a skip of their own', () => {
  it('a new skip whose skip is not among this run\'s skips is named without a type (its remedy cannot name a room)', () => {
    expect(newlyUnreachableOf([{ recipient: 'E1', reason: 'not-member' }], [], users, new Map([['r1', 'survey' as const]])))
      .toEqual([{ userId: 'E1', name: '山田 太郎', reason: 'not-member' }]);
  });
});

describe('when the alert fires', () => {
  const failing = (...ids: string[]): AlertInput => ({ ...NONE, failures: ids.map((userId) => ({ userId, name: userId, reason: 'r' })) });

  it('a known cause keeps the time it was first alerted; a changed one starts again now, and its old memory is what stays if the post fails', () => {
    const first = planAlert(failing('E1'), undefined, { ...context, now: 1 });
    expect(first.memory).toEqual({ roomId: 77, open: { failed: { fingerprint: expect.any(String), since: 1 } } });
    expect(first.memoryIfUnposted).toEqual({ roomId: 77, open: {} });
    const same = planAlert(failing('E1'), first.memory, { ...context, now: 2 });
    expect(same).toMatchObject({ messages: [], raised: [], memory: first.memory, memoryIfUnposted: first.memory });
    const changed = planAlert(failing('E1', 'E2'), first.memory, { ...context, now: 3 });
    expect(changed.raised).toEqual(['failed']);
    expect(changed.memory.open.failed!.since).toBe(3);
    expect(changed.memoryIfUnposted).toEqual(first.memory);
  });

  it('the fingerprint keeps the ids apart: people 1 and 23 are not people 12 and 3', () => {
    const first = planAlert(failing('1', '23'), undefined, context);
    expect(planAlert(failing('12', '3'), first.memory, context).raised).toEqual(['failed']);
  });

  it('every kind present is a cause, told in a fixed order: gone rooms, failures, newly unreachable', () => {
    const all: AlertInput = { failures: [{ userId: 'E1', name: 'a', reason: 'r' }], newlyUnreachable: [{ userId: 'E2', name: 'b', reason: 'unlinked' }], roomsGone: [{ roomId: 5, type: 'praise' }] };
    expect(planAlert(all, undefined, context).raised).toEqual(['room-gone', 'failed', 'newly-unreachable']);
    expect(planAlert({ ...NONE, newlyUnreachable: all.newlyUnreachable }, undefined, context).raised).toEqual(['newly-unreachable']);
    expect(planAlert({ ...NONE, roomsGone: all.roomsGone }, undefined, context).raised).toEqual(['room-gone']);
  });

  it('a different gone room, or a newly unreachable person more, is a changed cause', () => {
    const room = (roomId: number): AlertInput => ({ ...NONE, roomsGone: [{ roomId, type: 'praise' }] });
    expect(planAlert(room(6), planAlert(room(5), undefined, context).memory, context).raised).toEqual(['room-gone']);
    expect(planAlert(room(5), planAlert(room(5), undefined, context).memory, context).raised).toEqual([]);
    const lost = (...ids: string[]): AlertInput => ({ ...NONE, newlyUnreachable: ids.map((userId) => ({ userId, name: userId, reason: 'unlinked' })) });
    expect(planAlert(lost('E1', 'E2'), planAlert(lost('E1'), undefined, context).memory, context).raised).toEqual(['newly-unreachable']);
    expect(planAlert(lost('E2', 'E1'), planAlert(lost('E1', 'E2'), undefined, context).memory, context).raised).toEqual([]);
  });
});

describe('what the alert says, at its limits', () => {
  const person = (i: number, reason = 'r'): AffectedPerson => ({ userId: `E${i}`, name: `N${i}`, reason });

  it('exactly ten people are all named with no "more"; eleven name ten and one more', () => {
    const ten = renderAlert({ ...NONE, failures: Array.from({ length: 10 }, (_, i) => person(i)) }, ['failed'], context)[0]!;
    expect(ten).toContain('N9 (E9)');
    expect(ten).not.toMatch(/and \d+ more/);
    const eleven = renderAlert({ ...NONE, failures: Array.from({ length: 11 }, (_, i) => person(i)) }, ['failed'], context)[0]!;
    expect(eleven).not.toContain('N10 (E10)');
    expect(eleven).toContain(en('send.namesMore', { names: '', more: 1 }).trim());
  });

  it('the same person failing twice is counted once', () => {
    const [message] = renderAlert({ ...NONE, failures: [person(1), person(1, 'other')] }, ['failed'], context);
    expect(message).toContain('Not delivered after retries (1): N1 (E1)');
  });

  it('three different reasons are told, the fourth not; a reason of 300 characters whole, one of 301 cut with …', () => {
    const long300 = 'x'.repeat(300);
    const long301 = `${'y'.repeat(300)}z`;
    const [message] = renderAlert({ ...NONE, failures: [person(1, long300), person(2, long301), person(3, 'third'), person(4, 'fourth')] }, ['failed'], context);
    expect(message).toContain(`${long300} / ${'y'.repeat(300)}… / third`);
    expect(message).not.toContain('z');
    expect(message).not.toContain('fourth');
  });

  it('mixed failures give both remedies: look again (unconfirmed) and see the last run', () => {
    const [message] = renderAlert({ ...NONE, failures: [person(1), { ...person(2), unconfirmed: true }] }, ['failed'], context);
    expect(message).toContain(en('doctor.fix.rerun'));
    expect(message).toContain(en('doctor.fix.lastRun'));
  });

  it('the newly unreachable, grouped by reason (a non-member by type), each group with doctor\'s remedy where there is one', () => {
    const input: AlertInput = {
      ...NONE, newlyUnreachable: [
        { userId: 'E1', name: 'a', reason: 'unlinked' }, { userId: 'E2', name: 'b', reason: 'unlinked' }, { userId: 'E1', name: 'a', reason: 'unlinked' },
        { userId: 'E3', name: 'c', reason: 'not-member', type: 'survey' }, { userId: 'E4', name: 'd', reason: 'not-member', type: 'praise' },
        { userId: 'E5', name: 'e', reason: 'not-member' }, { userId: 'E6', name: 'f', reason: 'contact-gone' },
      ],
    };
    const [message] = renderAlert(input, ['newly-unreachable'], context);
    const remedy = (text: string) => en('alerts.remedy', { remedy: text });
    const group = (reason: string, count: number, names: string) => en('alerts.unreachableGroup', { reason: en(`skip.${reason}` as never), count, names });
    expect(message).toBe(`[info][title]${en('alerts.title')}[/title]${[
      en('alerts.unreachable', { count: 6 }),
      group('unlinked', 2, 'a (E1), b (E2)'), remedy(en('doctor.fix.unlinked')),
      group('not-member', 1, 'c (E3)'), remedy(en('doctor.fix.members', { typeArg: 'survey', roomId: '500' })),
      // praise goes by DM, and E5 has no type: no room to add them to, no remedy line.
      group('not-member', 1, 'd (E4)'),
      group('not-member', 1, 'e (E5)'),
      group('contact-gone', 1, 'f (E6)'), remedy(en('doctor.fix.contactGone', { user: 'E6' })),
    ].join('\n')}\n\n${en('alerts.footer', { runId: 'run-1', host: 'cron-1' })}[/info]`);
  });

  it('a section longer than the limit on its own still goes out, whole, in its own message: no empty message first', () => {
    const input: AlertInput = { ...NONE, roomsGone: [{ roomId: 5, type: 'praise' }], failures: [person(1)] };
    const split = renderAlert(input, ['room-gone', 'failed'], { ...context, maxLength: 10 });
    expect(split).toHaveLength(2);
    expect(split[0]).toContain(en('alerts.roomGone', { type: en('type.praise'), roomId: 5 }));
    expect(split[1]).toContain('N1 (E1)');
  });

  it('one message when it fits exactly; split only past the limit, numbered', () => {
    const input: AlertInput = { ...NONE, roomsGone: [{ roomId: 5, type: 'praise' }], failures: [person(1)] };
    const [whole] = renderAlert(input, ['room-gone', 'failed'], context);
    const partTag = ' (9/9)'.length;
    expect(renderAlert(input, ['room-gone', 'failed'], { ...context, maxLength: whole!.length + partTag })).toEqual([whole]);
    const split = renderAlert(input, ['room-gone', 'failed'], { ...context, maxLength: whole!.length + partTag - 1 });
    expect(split).toHaveLength(2);
    expect(split[0]).toContain('(1/2)[/title]');
    expect(split[1]).toContain('(2/2)[/title]');
  });
});

describe('posting the alert after a run', () => {
  let h: CommandHarness;
  let room: number;
  beforeEach(async () => {
    h = await commandHarness();
    room = h.sandbox.control.rooms().find((r) => r.name === '人事部 HiManager通知')!.room_id;
  });
  afterEach(() => h.close());

  const failing: AlertInput = { ...NONE, failures: [{ userId: 'E1', name: '山田 太郎', reason: 'HTTP 500' }] };
  const post = (input: AlertInput) => h.invoke(async (_options, deps) => {
    const store = await deps.stores.state();
    await postRunAlert(deps, store, await deps.http.chatwork(), input, { praise: 'dm' });
  }, {});
  const posts = () => h.sandbox.control.rooms().find((r) => r.room_id === room)!.messages.length;
  const memory = () => h.store(async (store) => (await store.config.get()).alertMemory);

  it('no alert room set: nothing is posted and nothing remembered', async () => {
    const before = posts();
    expect((await post(failing)).stderr).toBe('');
    expect(posts()).toBe(before);
    expect(await memory()).toBeUndefined();
  });

  it('posts a new cause once, remembers it, and stays quiet while it stands; when it clears the memory goes', async () => {
    await h.store((store) => store.config.update((c) => { c.alerts = { roomId: room }; }));
    const before = posts();
    const first = await post(failing);
    expect(first.stderr).toContain(String(room));
    expect(posts()).toBe(before + 1);
    expect((await memory())?.open.failed).toBeDefined();
    const again = await post(failing);
    expect(again.stderr).toBe('');
    expect(posts()).toBe(before + 1);
    await post(NONE);
    expect(await memory()).toBeUndefined();
    await post(failing);
    expect(posts()).toBe(before + 2);
  });

  it('the alert room changed (or alerts turned off) while the alert was being posted: the memory is not written for the other room', async () => {
    await h.store((store) => store.config.update((c) => { c.alerts = { roomId: room }; }));
    const other = h.sandbox.control.rooms().find((r) => r.name === '全社連絡')!.room_id;
    await h.invoke(async (_options, deps) => {
      const store = await deps.stores.state();
      const api = await deps.http.chatwork();
      // Another admin's `alerts set` lands while this run's post is on its way.
      const racing = Object.assign(Object.create(api) as typeof api, {
        postMessage: async (roomId: number, body: string) => {
          await store.config.update((c) => { c.alerts = { roomId: other }; });
          return api.postMessage(roomId, body);
        },
      });
      await postRunAlert(deps, store, racing, failing, { praise: 'dm' });
    }, {});
    expect(await h.store(async (store) => (await store.config.get()))).toMatchObject({ alerts: { roomId: other } });
    expect(await memory()).toBeUndefined();
  });

  it('a post that fails warns, changes nothing remembered, and the cause is tried again by the next run', async () => {
    await h.store((store) => store.config.update((c) => { c.alerts = { roomId: room }; }));
    h.sandbox.control.setRole(room, 'readonly');
    const failed = await post(failing);
    expect(failed.code).toBe(0);
    expect(failed.stderr).toMatch(new RegExp(`${room}`));
    expect(await memory()).toBeUndefined();
    h.sandbox.control.setRole(room, 'admin');
    const before = posts();
    await post(failing);
    expect(posts()).toBe(before + 1);
  });
});
