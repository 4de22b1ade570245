import { expect, it } from 'vitest';
import type { DeliveryRecord, DumpRecord } from '../../src/store/dump-format.js';
import { pairKey, type Store } from '../../src/store/store.js';

const delivery = (key: string, extra: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  kind: 'delivery', key, reminderId: 'r1', type: 'survey', roomId: 3, bodyHash: `h-${key}`, intentAt: 10, status: 'in-flight', messageId: null,
  how: null, reason: null, at: 11, body: null, deferUntil: null, outbox: false, pairs: [['r1', `u-${key}`]], ...extra,
});
const SENT = delivery('A', { status: 'sent', messageId: 'm-a', how: 'posted', pairs: [['r1', 'P']] });
const HELD = delivery('B', { status: 'deferred', intentAt: 0, body: 'again', deferUntil: 99, outbox: true, pairs: [['r1', 'P']] });

/**
 * A dump that names a pair or a reminder twice (dumps put together by hand, say): the later
 * record meets the same rule as if it came in a restore of its own, wherever the restore's
 * batches end. A pair never moves from a sent delivery to one less far along (planned from
 * there, it would get a second message); an older sighting of a reminder never wins.
 * The same on both backends. Called inside storeContract.
 */
export function restoreTwiceContract(current: () => Store): void {
  const pairAt = async (store: Store) => (await store.deliveries.pairStates([['r1', 'P']])).get(pairKey('r1', 'P'));

  it('a pair sent, then the same pair in a held delivery in the same dump: it stays with the sent one, as in a restore of its own', async () => {
    const store = current();
    await store.restore([SENT, HELD]);
    expect(await pairAt(store)).toMatchObject({ key: 'A', status: 'sent' });
  });

  it('a pair in a held delivery, then in a sent one in the same dump: it moves to the sent one', async () => {
    const store = current();
    expect(await store.restore([HELD, SENT])).toMatchObject({ kept: { deliveries: 0, pairs: 0 } });
    expect(await pairAt(store)).toMatchObject({ key: 'A', status: 'sent' });
  });

  it('a reminder seen at 8, then an older sighting of it in the same dump: the later sighting stays', async () => {
    const store = current();
    const seen = (title: string, lastSeenAt: number): DumpRecord => ({ kind: 'reminderInput', reminderId: 'r1', type: 'survey', title, due: null, firstSeenAt: 1, lastSeenAt });
    await store.restore([seen('新しい', 8), seen('古い', 2)]);
    const inputs: DumpRecord[] = [];
    for await (const record of store.exportRecords()) if (record.kind === 'reminderInput') inputs.push(record);
    expect(inputs).toEqual([seen('新しい', 8)]);
  });
}
