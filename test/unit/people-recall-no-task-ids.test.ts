import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRecall, recallAll } from '../../src/delivery/recall.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * A task delivery Chatwork answered with an empty list of task ids (`{"task_ids": []}`: the
 * client takes any array) is recorded as sent with no task. Recalling it has nothing to mark
 * done: it is closed in the ledger, and Chatwork is asked nothing.
 */
const ROOM = 500;
let fixture: DeliveryFixture;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-recall-no-tasks-'); });
afterEach(() => fixture.close());

describe('recall of a task delivery that has no task ids', () => {
  it('is closed in the ledger without a request to Chatwork', async () => {
    const store = fixture.store;
    await store.deliveries.intent({ key: 't', roomId: ROOM, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: 0, kind: 'task' });
    await store.deliveries.sentTasks('t', [], 'posted', 1);
    const requests: string[] = [];
    const api = {
      ...fixture.api,
      async setTaskStatus(roomId: number, taskId: string, status: 'done' | 'open') { requests.push(`PUT ${roomId}/${taskId}=${status}`); },
      async deleteMessage(roomId: number, messageId: string) { requests.push(`DELETE ${roomId}/${messageId}`); return 'deleted' as const; },
    };
    const items = planRecall(await store.deliveries.byReminder('r1'), 'r1');
    const results = await recallAll(items, { api, ledger: store.deliveries, clock: fixture.clock, shouldStop: () => false });
    expect(results.map((r) => `${r.item.entry.key}:${r.outcome}`)).toEqual(['t:closed']);
    expect(requests).toEqual([]);
    expect((await store.deliveries.entry('t'))!.recall).toMatchObject({ state: 'closed' });
  });
});
