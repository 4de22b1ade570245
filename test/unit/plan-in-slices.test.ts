import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectChat } from '../../src/chatwork/types.js';
import { planDeliveries, type Delivery, type Skip } from '../../src/delivery/plan.js';
import { planInSlices, SLICE_RECIPIENTS } from '../../src/delivery/plan-in-slices.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { systemClock } from '../../src/io/clock.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';

const PEOPLE = 5_000;
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
    await store.deliveries.defer({ key: 'later', roomId: 1, pairs: [['r3', 'u2003']], bodyHash: 'h', type: 'survey', at: T0, body: 'b', until: T0 + 1 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans exactly what planning everything at once plans, across slices and a reminder bigger than a slice', async () => {
    const reminder = (id: string, to: string[]): Reminder => ({ id, type: 'survey', to, unknownRecipients: [], title: 't', due: '2026-12-04', record: 1, line: 1 });
    const everyone = [...users.keys()];
    // A reminder to 2,500 people (more than a slice), then 3,000 one-person reminders.
    const reminders = [reminder('big', everyone.slice(0, 2_500)), ...everyone.slice(2_000).map((id, i) => reminder(`r${i}`, [id]))];
    expect(reminders.reduce((n, r) => n + r.to.length, 0)).toBeGreaterThan(2 * SLICE_RECIPIENTS);
    const view = { users, destinations: { survey: 'dm' as const }, templates: {} };
    const deliveries: Delivery[] = [];
    const skips: Skip[] = [];
    await planInSlices(reminders, { store, view, chats, lang: 'ja', bodies: true }, (d) => deliveries.push(d), (s) => skips.push(s));

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
});
