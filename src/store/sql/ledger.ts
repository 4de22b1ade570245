import type { NotificationType } from '../../domain.js';
import { pairKey, type DeliveryEntry, type DeliveryKind, type DeliveryLedger, type DeliveryStatus, type IntentRecord, type Pair, type PairState, type RecallState } from '../store.js';
import type { SqlDatabase, SqlRunner } from './database.js';
import { inBatches, placeholders } from './batches.js';
import { assertGeneration, storeNow } from './fencing.js';
import { pairOf, pairsWhere, roundsOf } from './ledger-rounds.js';

interface DeliveryRow {
  key: string; room_id: number | string; body_hash: string; intent_at: number | string; status: DeliveryStatus;
  message_id: string | null; reason: string | null; at: number | string; body: string | null; type: NotificationType | null;
  defer_until: number | string | null; outbox: number;
  kind: DeliveryKind | null; task_ids: string | null; task_limit: number | string | null;
  recall_state: RecallState | null; recall_at: number | string | null; recall_reason: string | null;
}

const COLUMNS = 'key, room_id, body_hash, intent_at, status, message_id, reason, at, body, type, defer_until, outbox, kind, task_ids, task_limit, recall_state, recall_at, recall_reason';

/**
 * The delivery ledger as rows: one per delivery, one per (reminder, user) pair it covers.
 * Every write is its own transaction, committed durably before the caller goes on: an intent
 * is on disk before its POST leaves.
 */
export function deliveryLedger(db: SqlDatabase): DeliveryLedger {
  const withPairs = async (rows: DeliveryRow[]): Promise<DeliveryEntry[]> => {
    const pairs = new Map<string, Pair[]>();
    await inBatches(rows.map((row) => row.key), async (keys) => {
      const found = await db.all<{ reminder_id: string; user_id: string; round: string; delivery_key: string }>(
        `SELECT reminder_id, user_id, round, delivery_key FROM delivery_pairs WHERE delivery_key IN (${placeholders(keys)}) ORDER BY user_id, round`, keys);
      for (const row of found) pairs.set(row.delivery_key, [...(pairs.get(row.delivery_key) ?? []), pairOf(row.reminder_id, row.user_id, row.round)]);
    });
    return rows.map((row) => toEntry(row, pairs.get(row.key) ?? []));
  };

  const writeIntent = async (tx: SqlRunner, record: IntentRecord, status: DeliveryStatus, deferred?: { body: string; until: number }) => {
    const reminderId = record.pairs[0]?.[0] ?? record.key;
    // Fencing: a run that lost the lock writes nothing, checked in this very transaction.
    await assertGeneration(tx, record.generation);
    const storeAt = storeNow(db.dialect, record.at);
    // A new intent keeps what an earlier deferral stored (body, outbox flag) and any message id.
    await tx.run(`INSERT INTO deliveries (key, reminder_id, type, room_id, body_hash, intent_at, status, at, body, defer_until, outbox, kind, task_limit, generation, intent_store_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${storeAt.sql})
      ON CONFLICT (key) DO UPDATE SET room_id = excluded.room_id, body_hash = excluded.body_hash, intent_at = excluded.intent_at,
        status = excluded.status, at = excluded.at, reason = NULL, type = excluded.type, kind = excluded.kind, task_limit = excluded.task_limit,
        body = COALESCE(excluded.body, deliveries.body), defer_until = COALESCE(excluded.defer_until, deliveries.defer_until),
        outbox = CASE WHEN excluded.outbox = 1 THEN 1 ELSE deliveries.outbox END,
        generation = excluded.generation, intent_store_at = excluded.intent_store_at`,
    [record.key, reminderId, record.type, record.roomId, record.bodyHash, deferred ? 0 : record.at, status, record.at,
      deferred?.body ?? null, deferred?.until ?? null, deferred ? 1 : 0, record.kind ?? 'message', record.taskLimit ?? null,
      record.generation ?? null, ...storeAt.params]);
    for (const [reminder, userId, round] of record.pairs) {
      await tx.run(`INSERT INTO delivery_pairs (reminder_id, user_id, round, delivery_key) VALUES (?, ?, ?, ?)
        ON CONFLICT (reminder_id, user_id, round) DO UPDATE SET delivery_key = excluded.delivery_key`, [reminder, userId, round ?? '', record.key]);
    }
    await inBatches(record.pairs, (batch) => {
      const where = pairsWhere(batch);
      return tx.run(`DELETE FROM skips WHERE ${where.sql}`, where.params);
    });
  };

  return {
    async entry(key) {
      const row = await db.get<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE key = ?`, [key]);
      return row ? (await withPairs([row]))[0] : undefined;
    },
    async pairStates(pairs) {
      const states = new Map<string, PairState>();
      await inBatches(pairs, async (batch) => {
        const where = pairsWhere(batch, 'p.');
        const rows = await db.all<{ reminder_id: string; user_id: string; round: string; delivery_key: string; status: DeliveryStatus; outbox: number; recall_state: RecallState | null; reason: string | null }>(
          `SELECT p.reminder_id, p.user_id, p.round, p.delivery_key, d.status, d.outbox, d.recall_state, d.reason FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key
           WHERE ${where.sql}`, where.params);
        for (const row of rows) {
          // A recalled or withdrawn delivery is never sent again, nor sent from the outbox.
          const recalled = row.recall_state !== null;
          const outbox = !recalled && Number(row.outbox) === 1 && (row.status === 'deferred' || row.status === 'in-flight');
          states.set(pairKey(row.reminder_id, row.user_id, row.round), {
            key: row.delivery_key, status: row.status, outbox, ...(recalled ? { recalled } : {}), ...(row.status === 'failed' && row.reason ? { reason: row.reason } : {}),
          });
        }
      });
      return states;
    },
    roundsOf: (pairs) => roundsOf(db, pairs),
    inFlight: async () => withPairs(await db.all<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE status = 'in-flight' ORDER BY at`)),
    outbox: async () => withPairs(await db.all<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries WHERE outbox = 1 AND status IN ('deferred', 'in-flight') AND recall_state IS NULL ORDER BY at`)),
    isClaimed: async (messageId) => (await db.get('SELECT 1 AS x FROM deliveries WHERE message_id = ?', [messageId])) !== undefined,
    // Task ids sit comma-separated in task_ids: matched whole, between commas.
    isTaskClaimed: async (taskId) => (await db.get(
      "SELECT 1 AS x FROM deliveries WHERE kind = 'task' AND (',' || task_ids || ',') LIKE ?", [`%,${taskId},%`])) !== undefined,
    async sentTasks(key, taskIds, how, at) {
      await db.run("UPDATE deliveries SET status = 'sent', task_ids = ?, how = ?, at = ?, reason = NULL WHERE key = ?", [taskIds.join(','), how, at, key]);
    },
    async byReminder(reminderId) {
      const rows = await db.all<DeliveryRow>(`SELECT ${COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')} FROM deliveries d
        WHERE d.key IN (SELECT delivery_key FROM delivery_pairs WHERE reminder_id = ?) ORDER BY d.key`, [reminderId]);
      return withPairs(rows);
    },
    recallIntent: (key, at, generation) => db.transaction(async (tx) => {
      await assertGeneration(tx, generation);
      await tx.run("UPDATE deliveries SET recall_state = 'in-flight', recall_at = ?, recall_reason = NULL WHERE key = ?", [at, key]);
    }),
    async recallOutcome(key, state, at, reason) {
      // A withdrawn delivery also leaves the outbox: it never goes out.
      await db.run('UPDATE deliveries SET recall_state = ?, recall_at = ?, recall_reason = ?, outbox = 0 WHERE key = ?', [state, at, reason ?? null, key]);
    },
    intent: (record) => db.transaction((tx) => writeIntent(tx, record, 'in-flight')),
    defer: (record) => db.transaction((tx) => writeIntent(tx, record, 'deferred', { body: record.body, until: record.until })),
    async sent(key, messageId, how, at) {
      await db.run("UPDATE deliveries SET status = 'sent', message_id = ?, how = ?, at = ?, reason = NULL WHERE key = ?", [messageId, how, at, key]);
    },
    async failed(key, reason, at) {
      await db.run("UPDATE deliveries SET status = 'failed', reason = ?, at = ? WHERE key = ?", [reason, at, key]);
    },
    abandon: (entry, reason, at, generation) => db.transaction(async (tx) => {
      await assertGeneration(tx, generation);
      return await tx.run(`UPDATE deliveries SET status = CASE WHEN outbox = 1 AND recall_state IS NULL THEN 'deferred' ELSE 'failed' END,
        reason = CASE WHEN outbox = 1 AND recall_state IS NULL THEN NULL ELSE ? END, at = ?
        WHERE key = ? AND status = 'in-flight' AND intent_at = ?`, [reason, at, entry.key, entry.intentAt]) > 0;
    }),
    refused: (record, reason) => db.transaction(async (tx) => {
      await writeIntent(tx, record, 'failed');
      await tx.run('UPDATE deliveries SET reason = ? WHERE key = ?', [reason, record.key]);
    }),
    async failedPairs(reason, sample) {
      const where = "FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key WHERE d.status = 'failed' AND d.reason = ?";
      const count = Number((await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n ${where}`, [reason]))!.n);
      const rows = await db.all<{ reminder_id: string; user_id: string; round: string }>(`SELECT p.reminder_id, p.user_id, p.round ${where} ORDER BY d.at DESC, p.reminder_id, p.user_id, p.round LIMIT ?`, [reason, sample]);
      return { count, pairs: rows.map((row) => pairOf(row.reminder_id, row.user_id, row.round)) };
    },
    skipped: (skips) => db.transaction(async (tx) => {
      // A withdrawal is what happened to the pair; a later "not linked" does not hide it.
      for (const skip of skips) {
        await tx.run(`INSERT INTO skips (reminder_id, user_id, round, type, reason, at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (reminder_id, user_id, round) DO UPDATE SET reason = excluded.reason, at = excluded.at, type = excluded.type
          WHERE skips.reason NOT LIKE 'withdrawn-%' OR excluded.reason LIKE 'withdrawn-%'`,
        [skip.reminderId, skip.userId, skip.round ?? '', skip.type, skip.reason, skip.at]);
      }
    }),
    withdraw: (key, reasons) => db.transaction(async (tx) => {
      const removed = await tx.run("DELETE FROM deliveries WHERE key = ? AND status = 'deferred' AND recall_state IS NULL", [key]);
      if (!removed) return false;
      await tx.run('DELETE FROM delivery_pairs WHERE delivery_key = ?', [key]);
      for (const skip of reasons) {
        await tx.run(`INSERT INTO skips (reminder_id, user_id, round, type, reason, at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (reminder_id, user_id, round) DO UPDATE SET reason = excluded.reason, at = excluded.at, type = excluded.type`,
        [skip.reminderId, skip.userId, skip.round ?? '', skip.type, skip.reason, skip.at]);
      }
      return true;
    }),
    async runFinished(outcome, at) {
      await db.run('INSERT INTO runs (at, started_at, delivered, failed, skipped, deferred, exit_code, in_window) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [at, outcome.startedAt, outcome.delivered, outcome.failed, outcome.skipped, outcome.deferred ?? 0, outcome.exitCode,
          outcome.inWindow === undefined ? null : outcome.inWindow ? 1 : 0]);
    },
    async recentRuns(limit = 10) {
      const rows = await db.all<{ at: number; started_at: number; delivered: number; failed: number; skipped: number; deferred: number; exit_code: number; in_window: number | null }>(
        "SELECT at, started_at, delivered, failed, skipped, deferred, exit_code, in_window FROM runs WHERE command IS NULL OR command = 'send-reminders' ORDER BY id DESC LIMIT ?", [limit]);
      return rows.reverse().map((row) => ({
        at: Number(row.at), startedAt: Number(row.started_at), delivered: Number(row.delivered), failed: Number(row.failed), skipped: Number(row.skipped),
        deferred: Number(row.deferred), exitCode: Number(row.exit_code), ...(row.in_window === null ? {} : { inWindow: row.in_window === 1 }),
      }));
    },
  };
}

function toEntry(row: DeliveryRow, pairs: Pair[]): DeliveryEntry {
  return {
    key: row.key, roomId: Number(row.room_id), pairs, bodyHash: row.body_hash, intentAt: Number(row.intent_at), status: row.status,
    ...(row.message_id ? { messageId: row.message_id } : {}), ...(row.reason ? { reason: row.reason } : {}), at: Number(row.at),
    ...(Number(row.outbox) === 1 && row.body !== null && row.type
      ? { deferred: { body: row.body, type: row.type, until: Number(row.defer_until ?? 0) } } : {}),
    kind: row.kind ?? 'message',
    ...(row.type ? { type: row.type } : {}),
    ...(row.task_ids ? { taskIds: row.task_ids.split(',') } : {}),
    ...(row.task_limit !== null ? { taskLimit: Number(row.task_limit) } : {}),
    ...(row.recall_state ? { recall: { state: row.recall_state, at: Number(row.recall_at ?? 0), ...(row.recall_reason ? { reason: row.recall_reason } : {}) } } : {}),
  };
}
