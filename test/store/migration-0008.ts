import { expect } from 'vitest';
import type { SqlDatabase } from '../../src/store/sql/database.js';
import { pairKey, type Store } from '../../src/store/store.js';

const T0 = Date.UTC(2026, 11, 1);

/** Rows a store at schema 7 holds: a sent pair, a deferred one in the outbox, a skip. */
export async function writeSchema7Rows(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [key, reminder, user, status, outbox] of [['r1\u001fu1', 'r1', 'u1', 'sent', 0], ['r1\u001fu2', 'r1', 'u2', 'deferred', 1]] as const) {
      await tx.run(`INSERT INTO deliveries (key, reminder_id, type, room_id, body_hash, intent_at, status, at, body, defer_until, outbox, kind)
        VALUES (?, ?, 'survey', 10, 'h', ?, ?, ?, ?, ?, ?, 'message')`, [key, reminder, T0, status, T0, outbox ? 'held body' : null, outbox ? T0 + 1 : null, outbox]);
      await tx.run('INSERT INTO delivery_pairs (reminder_id, user_id, delivery_key) VALUES (?, ?, ?)', [reminder, user, key]);
    }
    await tx.run("INSERT INTO skips (reminder_id, user_id, type, reason, at) VALUES ('r1', 'u3', 'survey', 'unlinked', ?)", [T0]);
  });
}

/** After 0008: every row is kept in round '', and a follow-up round of the same pair is a pair of its own. */
export async function expectSchema7RowsKept(store: Store): Promise<void> {
  expect(store.info.schemaVersion).toBe(8);
  const states = await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2'], ['r1', 'u1', 'd1']]);
  expect(states.get(pairKey('r1', 'u1'))).toMatchObject({ key: 'r1\u001fu1', status: 'sent' });
  expect(states.get(pairKey('r1', 'u2'))).toMatchObject({ key: 'r1\u001fu2', status: 'deferred', outbox: true });
  expect(states.has(pairKey('r1', 'u1', 'd1'))).toBe(false);
  expect((await store.deliveries.outbox()).map((e) => [e.key, e.pairs, e.deferred?.body])).toEqual([['r1\u001fu2', [['r1', 'u2']], 'held body']]);
  const skips: unknown[] = [];
  for await (const record of store.exportRecords()) if (record.kind === 'skip') skips.push(record);
  expect(skips).toEqual([{ kind: 'skip', reminderId: 'r1', userId: 'u3', type: 'survey', reason: 'unlinked', at: T0 }]);
  await store.deliveries.intent({ key: pairKey('r1', 'u1', 'd1'), roomId: 10, pairs: [['r1', 'u1', 'd1']], bodyHash: 'h2', type: 'survey', at: T0 + 5 });
  expect((await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u1', 'd1']])).size).toBe(2);
}
