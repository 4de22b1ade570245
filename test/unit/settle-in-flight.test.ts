import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directChatsOf } from '../helpers/direct-chats.js';
import type { Contact } from '../../src/chatwork/types.js';
import { hashBody } from '../../src/delivery/body-hash.js';
import { planDeliveries, type PlanView } from '../../src/delivery/plan.js';
import { roomKey } from '../../src/delivery/plan-room.js';
import { sendAll } from '../../src/delivery/send.js';
import { NOT_POSTED, settleInFlight, unsettledKeys } from '../../src/delivery/settle-in-flight.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { type Pair, type Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import type { FakeChatwork } from '../helpers/fake-chatwork.js';

/**
 * Settling what earlier runs left in flight, before planning: each delivery looked for in its
 * own room by its own key. Then the plan of now (the route changed to DM) reaches nobody twice.
 */
let fixture: DeliveryFixture;
let store: Store;
let api: FakeChatwork;
beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-settle-');
  ({ store, api } = fixture);
});
afterEach(() => fixture.close());

const GROUP = 500;
const ids = ['E1', 'E2', 'E3'];
const contacts: Contact[] = ids.map((_, i) => ({
  account_id: 2001 + i, room_id: 12_001 + i, name: `社員${i + 1}`, chatwork_id: '', organization_id: 1, organization_name: 'Org', department: '',
}));
const links = new Map<string, Link>(ids.map((id, i) => [id, { accountId: 2001 + i, source: 'manual', linkedAt: '2026-11-24T00:00:00Z' }]));
const users = new Map<string, HiManagerUser>(ids.map((id, i) => [id, { id, name: `社員${i + 1}`, email: `${id}@example.com` }]));
const pairs: Pair[] = ids.map((id) => ['r1', id]);
const groupKey = roomKey('r1', GROUP, ids.map((userId) => ({ userId })));
const BODY = '[To:2001][To:2002][To:2003] r1 のサーベイにご回答ください';

const leaveInFlight = (kind: 'message' | 'task' = 'message', body = BODY) => store.deliveries.intent({
  key: groupKey, roomId: GROUP, pairs, bodyHash: hashBody(body), type: 'survey', at: fixture.clock.now(), ...(kind === 'task' ? { kind } : {}),
});
const settle = async () => settleInFlight(await store.deliveries.inFlight(), { api, ledger: store.deliveries, clock: fixture.clock, ownAccountId: api.ownAccountId, links });

/** The route changed to DM since: plan and send the reminder as a run would now. */
async function runNow(unsettled?: Set<string>) {
  const view: PlanView = {
    users, links, destinations: { survey: 'dm', praise: 'dm', 'update-survey': 'dm' }, templates: {},
    pairStates: await store.deliveries.pairStates(pairs), ...(unsettled ? { unsettled } : {}),
  };
  const { deliveries, skips } = planDeliveries([{ id: 'r1', type: 'survey', to: ids, unknownRecipients: [], title: 'Q4', record: 1, line: 1 }], view, directChatsOf(contacts), 'ja');
  await sendAll(deliveries, { api, ledger: store.deliveries, clock: fixture.clock, ownAccountId: api.ownAccountId });
  return { deliveries, skips };
}
/** How many times each person was reached: in the group post (mentioned) or in their DM. */
function reached(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const message of api.messagesIn(GROUP)) for (const [, id] of message.body.matchAll(/\[To:(\d+)\]/g)) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + 1);
  for (const c of contacts) counts.set(c.account_id, (counts.get(c.account_id) ?? 0) + api.messagesIn(c.room_id).length);
  return counts;
}

describe('settling deliveries left in flight, then planning under another route', () => {
  it('the group post is in its room: recorded as sent (reconciled); the DM route then plans nobody, nobody reached twice', async () => {
    await leaveInFlight();
    const posted = api.seed(GROUP, BODY);
    const settled = await settle();
    expect(settled.found.map((e) => e.key)).toEqual([groupKey]);
    expect(await store.deliveries.entry(groupKey)).toMatchObject({ status: 'sent', messageId: posted.message_id });
    const { deliveries, skips } = await runNow();
    expect(deliveries).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual(['already-sent', 'already-sent', 'already-sent']);
    expect([...reached().values()]).toEqual([1, 1, 1]);
  });

  it('the group post is not in its room: closed as not posted (failed, not-posted), and each person gets one DM', async () => {
    await leaveInFlight();
    // Another delivery's message with the same body, already claimed, is not this one's.
    const other = api.seed(GROUP, BODY);
    await store.deliveries.intent({ key: 'other', roomId: GROUP, pairs: [['r0', 'E1']], bodyHash: hashBody(BODY), type: 'survey', at: 1 });
    await store.deliveries.sent('other', other.message_id, 'posted', 2);
    const settled = await settle();
    expect(settled.closed.map((e) => e.key)).toEqual([groupKey]);
    expect(await store.deliveries.entry(groupKey)).toMatchObject({ status: 'failed', reason: NOT_POSTED });
    const { deliveries } = await runNow();
    expect(deliveries.map((d) => d.route)).toEqual(['dm', 'dm', 'dm']);
    for (const c of contacts) expect(api.messagesIn(c.room_id)).toHaveLength(1);
    expect(api.messagesIn(GROUP)).toHaveLength(1);
  });

  it('the room cannot be read: still in flight, its people skipped this run (in-flight), nothing posted anywhere', async () => {
    await leaveInFlight();
    api.failReads = 1;
    const settled = await settle();
    expect(settled.unsettled.map((e) => e.key)).toEqual([groupKey]);
    expect(await store.deliveries.entry(groupKey)).toMatchObject({ status: 'in-flight' });
    const { deliveries, skips } = await runNow(unsettledKeys(settled));
    expect(deliveries).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual(['in-flight', 'in-flight', 'in-flight']);
    expect(api.posts).toEqual([]);
    // Readable again next run: found, and nobody is posted anything.
    api.seed(GROUP, BODY);
    expect((await settle()).found).toHaveLength(1);
    expect((await runNow()).deliveries).toEqual([]);
    expect([...reached().values()]).toEqual([1, 1, 1]);
  });

  it('a group task: found by body and assignees → sent; not found → closed; unreadable → unsettled', async () => {
    await leaveInFlight('task');
    for (const id of [2001, 2002, 2003]) api.seedTask(GROUP, BODY, id);
    expect((await settle()).found).toHaveLength(1);
    expect(await store.deliveries.entry(groupKey)).toMatchObject({ status: 'sent', taskIds: ['9001', '9002', '9003'] });

    await leaveInFlight('task', 'もう一つのタスク');
    api.failTaskReads = 1;
    expect((await settle()).unsettled).toHaveLength(1);
    expect((await settle()).closed).toHaveLength(1);
    expect(await store.deliveries.entry(groupKey)).toMatchObject({ status: 'failed', reason: NOT_POSTED });
  });

  it('a held delivery left in flight and not in its room goes back to the outbox (deferred), body kept', async () => {
    await store.deliveries.defer({ key: groupKey, roomId: GROUP, pairs, bodyHash: hashBody(BODY), type: 'survey', at: 1, body: BODY, until: 2 });
    await leaveInFlight();
    expect((await settle()).closed).toHaveLength(1);
    const [held] = await store.deliveries.outbox();
    expect(held).toMatchObject({ key: groupKey, status: 'deferred', deferred: { body: BODY } });
  });

  it('nothing in flight: nothing read', async () => {
    expect(await settle()).toEqual({ found: [], closed: [], unsettled: [] });
    expect(api.reads).toEqual([]);
  });
});
