import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryQuery, HistoryRow, Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * `history` names the round of each line (a follow-up, an escalation), whichever kind the line
 * is: a delivery, its recall or a skip. The first message (round '') names none, so its line is
 * what it was before rounds existed. `history` prints the round next to the type from this field.
 */
let fixture: DeliveryFixture;
let store: Store;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-history-rounds-'); store = fixture.store; });
afterEach(() => fixture.close());

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
async function rows(query: HistoryQuery): Promise<HistoryRow[]> {
  const out: HistoryRow[] = [];
  for await (const row of store.history.query(query)) out.push(row);
  return out;
}

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
