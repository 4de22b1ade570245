import { pairKey, type Pair, type PairRound } from '../store.js';
export { pairOf } from '../store.js';
import type { DeliveryStatus, RecallState } from '../store.js';
import type { SqlDatabase } from './database.js';
import { inBatches } from './batches.js';

/** Matches pairs (with their round) in a batch, `prefix` naming the table. */
export const pairsWhere = (batch: Pair[], prefix = '') => ({
  sql: batch.map(() => `(${prefix}reminder_id = ? AND ${prefix}user_id = ? AND ${prefix}round = ?)`).join(' OR '),
  params: batch.flatMap(([reminderId, userId, round]) => [reminderId, userId, round ?? '']),
});

/** Every round each (reminder, person) has a delivery in, keyed by pairKey(reminderId, userId). */
export async function roundsOf(db: SqlDatabase, pairs: Pair[]): Promise<Map<string, PairRound[]>> {
  const rounds = new Map<string, PairRound[]>();
  const people = [...new Map(pairs.map(([reminderId, userId]): [string, Pair] => [pairKey(reminderId, userId), [reminderId, userId]])).values()];
  await inBatches(people, async (batch) => {
    const rows = await db.all<{ reminder_id: string; user_id: string; round: string; delivery_key: string; status: DeliveryStatus; at: number | string; recall_state: RecallState | null; outbox: number }>(
      `SELECT p.reminder_id, p.user_id, p.round, p.delivery_key, d.status, d.at, d.recall_state, d.outbox FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key
       WHERE ${batch.map(() => '(p.reminder_id = ? AND p.user_id = ?)').join(' OR ')} ORDER BY p.reminder_id, p.user_id, p.round`, batch.flatMap(([reminderId, userId]) => [reminderId, userId]));
    for (const row of rows) {
      const key = pairKey(row.reminder_id, row.user_id);
      const round: PairRound = {
        round: row.round, key: row.delivery_key, status: row.status, at: Number(row.at), ...(row.recall_state !== null ? { recalled: true } : {}),
        ...(Number(row.outbox) === 1 && (row.status === 'deferred' || row.status === 'in-flight') ? { outbox: true } : {}),
      };
      const known = rounds.get(key);
      if (known) known.push(round);
      else rounds.set(key, [round]);
    }
  });
  return rounds;
}
