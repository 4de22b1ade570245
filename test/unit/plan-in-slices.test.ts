import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, loadHolidays } from '../../src/calendar/calendar.js';
import type { DirectChat } from '../../src/chatwork/types.js';
import { planDeliveries, type Delivery, type Skip } from '../../src/delivery/plan.js';
import { planInSlices } from '../../src/delivery/plan-in-slices.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { systemClock } from '../../src/io/clock.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

const PEOPLE = 500;
/** Slices of 200 recipients: the same logic as 2,000, with a tenth of the people to set up. */
const SLICE = 200;
const T0 = Date.UTC(2026, 10, 24);

describe('planning a slice at a time', () => {
  let dir: string;
  let store: Store;
  const users = new Map<string, HiManagerUser>();
  const chats = new Map<number, DirectChat>();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmcw-slices-'));
    ({ store } = await openStore({ backend: 'sqlite', path: join(dir, 'state.db') }, { clock: systemClock, configDir: dir }));
    const links = new Map<string, Link>();
    for (let i = 0; i < PEOPLE; i++) {
      users.set(`u${i}`, { id: `u${i}`, name: `社員 ${i}`, email: `u${i}@example.com` });
      // Every seventh person is unlinked, every eleventh linked to a contact that is gone.
      if (i % 7 !== 0) links.set(`u${i}`, { accountId: 10_000 + i, source: 'import', linkedAt: '2026-11-24T00:00:00.000Z' });
      if (i % 11 !== 0) chats.set(10_000 + i, { roomId: 50_000 + i, name: `contact ${i}` });
    }
    await store.users.replaceAll([...users.values()]);
    await store.links.set(links);
    // Some pairs the ledger already has: sent, or deferred by an earlier run.
    for (let i = 0; i < PEOPLE; i += 13) {
      await store.deliveries.intent({ key: `sent-${i}`, roomId: 1, pairs: [['big', `u${i}`]], bodyHash: 'h', type: 'survey', at: T0 });
      await store.deliveries.sent(`sent-${i}`, `m${i}`, 'posted', T0 + 1);
    }
    await store.deliveries.defer({ key: 'later', roomId: 1, pairs: [['r3', 'u203']], bodyHash: 'h', type: 'survey', at: T0, body: 'b', until: T0 + 1 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans exactly what planning everything at once plans, across slices and a reminder bigger than a slice', async () => {
    const reminder = (id: string, to: string[]): Reminder => ({ id, type: 'survey', to, unknownRecipients: [], title: 't', due: '2026-12-04', record: 1, line: 1 });
    const everyone = [...users.keys()];
    // A reminder to 250 people (more than a slice), then 300 one-person reminders.
    const reminders = [reminder('big', everyone.slice(0, 250)), ...everyone.slice(200).map((id, i) => reminder(`r${i}`, [id]))];
    expect(reminders.reduce((n, r) => n + r.to.length, 0)).toBeGreaterThan(2 * SLICE);
    const view = { users, destinations: { survey: 'dm' as const }, templates: {} };
    const deliveries: Delivery[] = [];
    const skips: Skip[] = [];
    await planInSlices(reminders, { store, view, chats, lang: 'ja', bodies: true, sliceRecipients: SLICE }, (d) => deliveries.push(d), (s) => skips.push(s));

    const pairs = reminders.flatMap((r) => r.to.map((userId): [string, string] => [r.id, userId]));
    const whole = planDeliveries(reminders, {
      ...view, links: await store.links.byUserIds(everyone), pairStates: await store.deliveries.pairStates(pairs),
    }, chats, 'ja');
    expect(deliveries).toEqual(whole.deliveries);
    expect(skips).toEqual(whole.skips);
    // And the plan is the one these people call for, not an empty one on both sides.
    const reasons = new Map<string, number>();
    for (const s of skips) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    expect(Object.fromEntries(reasons)).toEqual({ 'already-sent': expect.any(Number), unlinked: expect.any(Number), 'contact-gone': expect.any(Number), 'already-deferred': 1 });
    expect(deliveries.length + skips.length).toBe(reminders.reduce((n, r) => n + r.to.length, 0));
    expect(new Set(deliveries.map((d) => d.key)).size).toBe(deliveries.length);
  });

  it('reads the links of one slice at a time: a reminder bigger than a slice alone, then slices of the size asked', async () => {
    const reminder = (id: string, to: string[]): Reminder => ({ id, type: 'survey', to, unknownRecipients: [], title: 't', record: 1, line: 1 });
    const everyone = [...users.keys()];
    // 250 people in one reminder, then 400 one-person reminders: slices of 250, 200 and 200, and none empty.
    const reminders = [reminder('big', everyone.slice(0, 250)), ...everyone.slice(100, 500).map((id, i) => reminder(`one${i}`, [id]))];
    const asked: number[] = [];
    const byUserIds = store.links.byUserIds.bind(store.links);
    store.links.byUserIds = (ids) => { asked.push(ids.length); return byUserIds(ids); };
    const view = { users, destinations: { survey: 'dm' as const }, templates: {} };
    const deliveries: Delivery[] = [];
    await planInSlices(reminders, { store, view, chats, lang: 'en', bodies: false, sliceRecipients: SLICE }, (d) => deliveries.push(d), () => {});
    expect(asked).toEqual([250, 200, 200]);
    // Without bodies nothing is rendered: a human dry run shows none.
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.body === '' && d.bodyHash === '')).toBe(true);
  });
});

describe('planning a slice at a time, with follow-up rounds', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmcw-slice-rounds-'));
    ({ store } = await openStore({ backend: 'sqlite', path: join(dir, 'state.db') }, { clock: systemClock, configDir: dir }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('someone whose next round is not due yet is handed on as a skip, next to what the others are planned', async () => {
    const users = new Map<string, HiManagerUser>([
      ['u1', { id: 'u1', name: '社員 1', email: 'u1@example.com' }],
      ['u2', { id: 'u2', name: '社員 2', email: 'u2@example.com' }],
    ]);
    await store.users.replaceAll([...users.values()]);
    await store.links.set(new Map<string, Link>([
      ['u1', { accountId: 10_001, source: 'import', linkedAt: '2026-11-24T00:00:00.000Z' }],
      ['u2', { accountId: 10_002, source: 'import', linkedAt: '2026-11-24T00:00:00.000Z' }],
    ]));
    const chats = new Map<number, DirectChat>([[10_001, { roomId: 50_001, name: 'c1' }], [10_002, { roomId: 50_002, name: 'c2' }]]);
    // u1 had the first message on 1 December; the first follow-up (d3) is on Monday the 7th.
    const firstSent = Date.parse('2026-12-01T09:00:00+09:00');
    await store.deliveries.intent({ key: 'first-u1', roomId: 50_001, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: firstSent });
    await store.deliveries.sent('first-u1', 'm1', 'posted', firstSent);
    const reminder: Reminder = { id: 'r1', type: 'survey', to: ['u1', 'u2'], unknownRecipients: [], title: 't', due: '2026-12-10', record: 1, line: 1 };
    const rounds = {
      followUps: { survey: { daysBefore: [3, 1, 0], gapHours: 20 } }, calendar: DEFAULT_CALENDAR, holidays: await loadHolidays(),
      now: Date.parse('2026-12-04T10:00:00+09:00'),
    };
    const deliveries: Delivery[] = [];
    const skips: Skip[] = [];
    await planInSlices([reminder], {
      store, view: { users, destinations: { survey: 'dm' }, templates: {} }, chats, lang: 'ja', bodies: false, rounds,
    }, (d) => deliveries.push(d), (s) => skips.push(s));
    expect(skips).toEqual([{ reminderId: 'r1', recipient: 'u1', reason: 'already-sent' }]);
    expect(deliveries.map((d) => [d.reminderId, d.recipients.map((r) => r.userId), d.roomId])).toEqual([['r1', ['u2'], 50_002]]);
  });
});
