import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryRecord, DumpRecord } from '../../src/store/dump-format.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * A dump that names a pair or a reminder twice (dumps put together by hand, say): the later
 * record meets the same rule as if it came in a restore of its own, wherever the restore's
 * batches end. A pair never moves from a sent delivery to one less far along (planned from
 * there, it would get a second message); an older sighting of a reminder never wins.
 */
let root: string;
let store: Store;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmcw-restore-twice-'));
  store = await openSqliteStore(join(root, 'state.db'), { clock: createFakeClock(), configDir: root });
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

const delivery = (key: string, extra: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  kind: 'delivery', key, reminderId: 'r1', type: 'survey', roomId: 3, bodyHash: `h-${key}`, intentAt: 10, status: 'in-flight', messageId: null,
  how: null, reason: null, at: 11, body: null, deferUntil: null, outbox: false, pairs: [['r1', `u-${key}`]], ...extra,
});
const SENT = delivery('A', { status: 'sent', messageId: 'm-a', how: 'posted', pairs: [['r1', 'P']] });
const HELD = delivery('B', { status: 'deferred', intentAt: 0, body: 'again', deferUntil: 99, outbox: true, pairs: [['r1', 'P']] });

describe('restore: a pair or a reminder twice in one dump', () => {
  it('a pair sent, then the same pair in a held delivery: it stays with the sent one and is counted as kept, as in a restore of its own', async () => {
    expect(await store.restore([SENT, HELD])).toEqual({ records: 2, kept: { deliveries: 0, pairs: 1 }, accountSkipped: false });
    expect((await store.deliveries.pairStates([['r1', 'P']])).get(pairKey('r1', 'P'))).toMatchObject({ key: 'A', status: 'sent' });
  });

  it('a pair in a held delivery, then in a sent one: it moves to the sent one', async () => {
    expect(await store.restore([HELD, SENT])).toEqual({ records: 2, kept: { deliveries: 0, pairs: 0 }, accountSkipped: false });
    expect((await store.deliveries.pairStates([['r1', 'P']])).get(pairKey('r1', 'P'))).toMatchObject({ key: 'A', status: 'sent' });
  });

  it('a reminder seen at 8, then an older sighting of it: the later sighting stays', async () => {
    const seen = (title: string, lastSeenAt: number): DumpRecord => ({ kind: 'reminderInput', reminderId: 'r1', type: 'survey', title, due: null, firstSeenAt: 1, lastSeenAt });
    await store.restore([seen('新しい', 8), seen('古い', 2)]);
    const inputs: DumpRecord[] = [];
    for await (const record of store.exportRecords()) if (record.kind === 'reminderInput') inputs.push(record);
    expect(inputs).toEqual([seen('新しい', 8)]);
  });
});
