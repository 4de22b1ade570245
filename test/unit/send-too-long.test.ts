import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { sendAll } from '../../src/delivery/send.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import type { FakeChatwork } from '../helpers/fake-chatwork.js';

/** Bodies over 65,535 characters against the real ledger and an in-memory Chatwork: never posted, failed as too-long. */
let fixture: DeliveryFixture;
let store: Store;
let api: FakeChatwork;
beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-toolong-');
  ({ store, api } = fixture);
});
afterEach(() => fixture.close());

const ROOM = 600;
const sized = (length: number) => `[To:2001]山田さん\n${'x'.repeat(length - '[To:2001]山田さん\n'.length)}`;
function delivery(userId: string, body: string, extra: Partial<Delivery> = {}): Delivery {
  return {
    key: pairKey('r1', userId), reminderId: 'r1', type: 'survey', route: 'dm', roomId: ROOM,
    recipients: [{ userId, accountId: 2001, name: '山田' }], pairs: [['r1', userId]], body, bodyHash: hashBody(body), ...extra,
  };
}
const send = (deliveries: Delivery[]) => sendAll(deliveries, { api, ledger: store.deliveries, clock: fixture.clock, ownAccountId: api.ownAccountId });

describe('a body over 65,535 characters', () => {
  it('is posted at exactly 65,535; at 65,536 it is not posted, failed as too-long, and the others in the batch go out', async () => {
    const outcomes = await send([delivery('E1', sized(MAX_BODY)), delivery('E2', sized(MAX_BODY + 1)), delivery('E3', 'short')]);
    expect(api.posts.map((p) => p.body.length)).toEqual(expect.arrayContaining([MAX_BODY, 'short'.length]));
    expect(api.posts).toHaveLength(2);
    const failed = outcomes.filter((o) => o.kind === 'failed');
    expect(failed.map((o) => [o.delivery.key, o.kind === 'failed' && o.reason])).toEqual([[pairKey('r1', 'E2'), 'too-long']]);
    expect(failed[0]!.kind === 'failed' && failed[0]!.message).toEqual({ key: 'send.fail.tooLong', params: { length: MAX_BODY + 1, max: MAX_BODY } });
    expect(await store.deliveries.entry(pairKey('r1', 'E2'))).toMatchObject({ status: 'failed', reason: 'too-long' });
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'sent' });
  });

  it('is refused for a task too, with no POST', async () => {
    const [outcome] = await send([delivery('E1', sized(MAX_BODY + 1), { kind: 'task' })]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too-long' });
    expect(api.posts).toEqual([]);
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'failed', reason: 'too-long', kind: 'task' });
  });

  it('is refused when the planner measured it, even where no body was kept', async () => {
    const [outcome] = await send([delivery('E1', 'short', { tooLong: { length: 70_000 } })]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'too-long', message: { params: { length: 70_000 } } });
    expect(api.posts).toEqual([]);
  });

  it('looks for an earlier attempt left in flight first: one that was posted stays delivered, not failed', async () => {
    const earlier = 'the body an earlier run posted';
    const d = delivery('E1', sized(MAX_BODY + 1));
    await store.deliveries.intent({ key: d.key, roomId: ROOM, pairs: d.pairs, bodyHash: hashBody(earlier), type: 'survey', at: fixture.clock.now() });
    api.seed(ROOM, earlier);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled' });
    expect(api.posts).toEqual([]);
  });
});
