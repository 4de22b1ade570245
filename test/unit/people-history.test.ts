import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryQuery, HistoryRow, Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * `history` over the three kinds of line (deliveries, recalls, skips and withdrawals) in a real
 * SQLite store: each status filter reads its own kind only, ties keep one order, the filters
 * apply to the recall's own time, and a limit of 0 or less means no limit.
 */
let fixture: DeliveryFixture;
let store: Store;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-history-'); store = fixture.store; });
afterEach(() => fixture.close());

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
async function rows(query: HistoryQuery): Promise<HistoryRow[]> {
  const out: HistoryRow[] = [];
  for await (const row of store.history.query(query)) out.push(row);
  return out;
}
const lines = async (query: HistoryQuery) => (await rows(query)).map((r) => `${r.at - T0}:${r.reminderId}/${r.userId}/${r.status}`);

/** A sent delivery at T0+10, recalled at T0+50; a withdrawn pair at T0+30; a skip at T0+10 (a tie with the delivery); a task sent at T0+40. */
async function seed(): Promise<void> {
  await store.users.replaceAll([{ id: 'u1', name: '佐藤 花子', email: 'u1@x.jp' }]);
  await store.deliveries.intent({ key: 'a', roomId: 7, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: T0 });
  await store.deliveries.sent('a', 'm-a', 'posted', T0 + 10);
  await store.deliveries.recallIntent('a', T0 + 49);
  await store.deliveries.recallOutcome('a', 'recalled', T0 + 50, 'by hand');
  await store.deliveries.skipped([{ reminderId: 'r2', userId: 'u2', type: 'praise', reason: 'not linked', at: T0 + 10 }]);
  await store.deliveries.defer({ key: 'w', roomId: 7, pairs: [['r3', 'u3']], bodyHash: 'h', type: 'survey', at: T0, body: 'b', until: T0 + 99 });
  await store.deliveries.withdraw('w', [{ reminderId: 'r3', userId: 'u3', type: 'survey', reason: 'withdrawn-unlinked', at: T0 + 30 }]);
  await store.deliveries.intent({ key: 't', roomId: 8, pairs: [['r4', 'u1']], bodyHash: 'h', type: 'update-survey', at: T0, kind: 'task' });
  await store.deliveries.sentTasks('t', ['41', '42'], 'posted', T0 + 40);
}

describe('history: the kinds of line', () => {
  it('newest first over all kinds; on a tie a delivery comes before a skip', async () => {
    await seed();
    expect(await lines({})).toEqual(['50:r1/u1/recalled', '40:r4/u1/delivered', '30:r3/u3/withdrawn', '10:r1/u1/delivered', '10:r2/u2/skipped']);
  });

  it('a recall line has its own time, reason and the delivery\'s room and message; a task line names its tasks', async () => {
    await seed();
    const all = await rows({});
    expect(all[0]).toEqual({ at: T0 + 50, reminderId: 'r1', userId: 'u1', userName: '佐藤 花子', type: 'survey', roomId: 7, status: 'recalled', messageId: 'm-a', reason: 'by hand' });
    expect(all[1]).toEqual({ at: T0 + 40, reminderId: 'r4', userId: 'u1', userName: '佐藤 花子', type: 'update-survey', roomId: 8, status: 'delivered', messageId: 'task:41,42' });
    expect(all[2]).toEqual({ at: T0 + 30, reminderId: 'r3', userId: 'u3', type: 'survey', status: 'withdrawn', reason: 'withdrawn-unlinked' });
  });

  it.each([
    ['recalled', ['50:r1/u1/recalled']],
    ['withdrawn', ['30:r3/u3/withdrawn']],
    ['skipped', ['10:r2/u2/skipped']],
    ['delivered', ['40:r4/u1/delivered', '10:r1/u1/delivered']],
    ['failed', []],
  ] as const)('status %s reads that kind only', async (status, expected) => {
    await seed();
    expect(await lines({ status })).toEqual(expected);
  });

  it('since and until apply to a recall\'s own time: since inclusive, until exclusive', async () => {
    await seed();
    expect(await lines({ since: T0 + 50 })).toEqual(['50:r1/u1/recalled']);
    expect(await lines({ until: T0 + 50, status: 'recalled' })).toEqual([]);
    expect(await lines({ since: T0 + 30, until: T0 + 41 })).toEqual(['40:r4/u1/delivered', '30:r3/u3/withdrawn']);
    expect(await lines({ type: 'survey', userId: 'u1' })).toEqual(['50:r1/u1/recalled', '10:r1/u1/delivered']);
    expect(await lines({ reminderId: 'r3' })).toEqual(['30:r3/u3/withdrawn']);
  });

  it('a limit cuts the merged lines; 0 or less is no limit', async () => {
    await seed();
    expect(await lines({ limit: 1 })).toEqual(['50:r1/u1/recalled']);
    expect(await lines({ limit: 0 })).toHaveLength(5);
    expect(await lines({ limit: -1 })).toHaveLength(5);
  });

  it('a deferred line says until when it is held; an in-flight one has no room message', async () => {
    await store.deliveries.defer({ key: 'd', roomId: 9, pairs: [['r5', 'u5']], bodyHash: 'h', type: 'praise', at: T0 + 1, body: 'b', until: T0 + 500 });
    await store.deliveries.intent({ key: 'f', roomId: 9, pairs: [['r6', 'u6']], bodyHash: 'h', type: 'praise', at: T0 + 2 });
    expect(await rows({})).toEqual([
      { at: T0 + 2, reminderId: 'r6', userId: 'u6', type: 'praise', roomId: 9, status: 'in-flight' },
      { at: T0 + 1, reminderId: 'r5', userId: 'u5', type: 'praise', roomId: 9, status: 'deferred', until: T0 + 500 },
    ]);
  });
});

/**
 * The round of each line (a follow-up, an escalation), whichever kind the line is: a delivery,
 * its recall or a skip. The first message (round '') names none, so its line is what it was
 * before rounds existed. `history` prints the round next to the type from this field.
 */
describe('history: the round of each line', () => {
  it('a follow-up\'s delivery, its recall and a skipped escalation name their round; the first message names none', async () => {
    const ledger = store.deliveries;
    await ledger.intent({ key: 'first', roomId: 7, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: T0 });
    await ledger.sent('first', 'm1', 'posted', T0 + 1);
    await ledger.intent({ key: 'follow', roomId: 7, pairs: [['r1', 'u1', 'd1']], bodyHash: 'h', type: 'survey', at: T0 + 2 });
    await ledger.sent('follow', 'm2', 'posted', T0 + 3);
    await ledger.recallIntent('follow', T0 + 4);
    await ledger.recallOutcome('follow', 'recalled', T0 + 5, 'by hand');
    await ledger.skipped([{ reminderId: 'r1', userId: 'boss', round: 'manager', type: 'survey', reason: 'not linked', at: T0 + 6 }]);
    expect(await rows({ reminderId: 'r1' })).toEqual([
      { at: T0 + 6, reminderId: 'r1', userId: 'boss', round: 'manager', type: 'survey', status: 'skipped', reason: 'not linked' },
      { at: T0 + 5, reminderId: 'r1', userId: 'u1', round: 'd1', type: 'survey', roomId: 7, status: 'recalled', messageId: 'm2', reason: 'by hand' },
      { at: T0 + 3, reminderId: 'r1', userId: 'u1', round: 'd1', type: 'survey', roomId: 7, status: 'delivered', messageId: 'm2' },
      { at: T0 + 1, reminderId: 'r1', userId: 'u1', type: 'survey', roomId: 7, status: 'delivered', messageId: 'm1' },
    ]);
  });
});
