import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { sendAll } from '../../src/delivery/send.js';
import { pairKey } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

// A too-long body is recorded as what it was: a message stays a message, a task keeps its deadline.
let fixture: DeliveryFixture;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-toolong-kind-'); });
afterEach(() => fixture.close());

const body = 'x'.repeat(MAX_BODY + 1);
const delivery = (userId: string, extra: Partial<Delivery> = {}): Delivery => ({
  key: pairKey('r1', userId), reminderId: 'r1', type: 'survey', route: 'dm', roomId: 600,
  recipients: [{ userId, accountId: 2001, name: '山田' }], pairs: [['r1', userId]], body, bodyHash: hashBody(body), ...extra,
});

describe('a body over 65,535 characters, recorded as failed', () => {
  it('as a message when it was one, and as a task with its deadline when it was one', async () => {
    const { store, api, clock } = fixture;
    await sendAll([delivery('E1'), delivery('E2', { kind: 'task', taskLimit: 1_796_000_000 })], { api, ledger: store.deliveries, clock, ownAccountId: api.ownAccountId });
    expect(api.posts).toEqual([]);
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'failed', reason: 'too-long', kind: 'message' });
    expect(await store.deliveries.entry(pairKey('r1', 'E2'))).toMatchObject({ status: 'failed', reason: 'too-long', kind: 'task', taskLimit: 1_796_000_000 });
  });
});
