import type { NotificationType } from '../../domain.js';
import type { HistoryQuery, HistoryRepo, HistoryRow, HistoryStatus } from '../store.js';
import type { SqlDatabase, SqlValue } from './database.js';

const PAGE = 1000;
const STATUS_OF: Record<HistoryStatus, string> = {
  delivered: 'sent', failed: 'failed', deferred: 'deferred', 'in-flight': 'in-flight', skipped: 'skipped', recalled: 'recalled',
};
/** What `recall` did, a line of its own next to the delivery's: 'recalled', 'closed' (a task) or 'cancelled'. */
const RECALLED = "('recalled', 'closed', 'cancelled')";

interface Row {
  at: number | string; reminder_id: string; type: NotificationType | null; user_id: string; user_name: string | null;
  room_id: number | string | null; status: string; message_id: string | null; reason: string | null;
}

/**
 * One line per (delivery, recipient), one more per recipient of a recalled delivery (when and
 * how), and one per pair that was skipped and never sent; newest first.
 */
export function historyRepo(db: SqlDatabase): HistoryRepo {
  return {
    async *query(query) {
      const { sql, params } = build(query);
      const limit = query.limit && query.limit > 0 ? query.limit : Infinity;
      for (let offset = 0; offset < limit; offset += PAGE) {
        const size = Math.min(PAGE, limit - offset);
        const rows = await db.all<Row>(`${sql} LIMIT ? OFFSET ?`, [...params, size, offset]);
        for (const row of rows) yield toHistoryRow(row);
        if (rows.length < size) return;
      }
    },
    async prune(before, { dryRun }) {
      const where = "at < ? AND status IN ('sent', 'failed') AND (body IS NOT NULL OR reason IS NOT NULL)";
      const count = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE ${where}`, [before]))!.n);
      if (!dryRun) {
        await db.transaction(async (tx) => {
          // The keys (delivery_pairs) and each delivery's status stay: exactly-once holds after a prune.
          await tx.run(`UPDATE deliveries SET body = NULL, reason = NULL WHERE ${where}`, [before]);
          await tx.run('DELETE FROM runs WHERE at < ?', [before]);
        });
      }
      return { deliveries: count };
    },
  };
}

function build(query: HistoryQuery): { sql: string; params: SqlValue[] } {
  const sent: string[] = [];
  const skipped: string[] = [];
  const recalled: string[] = [`d.recall_state IN ${RECALLED}`];
  const sentParams: SqlValue[] = [];
  const skippedParams: SqlValue[] = [];
  const recalledParams: SqlValue[] = [];
  const both = (sentClause: string, skippedClause: string, value: SqlValue, recalledClause = sentClause) => {
    sent.push(sentClause); sentParams.push(value);
    skipped.push(skippedClause); skippedParams.push(value);
    recalled.push(recalledClause); recalledParams.push(value);
  };
  if (query.userId !== undefined) both('p.user_id = ?', 's.user_id = ?', query.userId);
  if (query.reminderId !== undefined) both('p.reminder_id = ?', 's.reminder_id = ?', query.reminderId);
  if (query.type !== undefined) both('d.type = ?', 's.type = ?', query.type);
  if (query.since !== undefined) both('d.at >= ?', 's.at >= ?', query.since, 'd.recall_at >= ?');
  if (query.until !== undefined) both('d.at < ?', 's.at < ?', query.until, 'd.recall_at < ?');
  const status = query.status ? STATUS_OF[query.status] : undefined;
  if (status && status !== 'skipped' && status !== 'recalled') { sent.push('d.status = ?'); sentParams.push(status); }
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (!status || status === 'recalled') {
    parts.push(`SELECT d.recall_at AS at, p.reminder_id AS reminder_id, d.type AS type, p.user_id AS user_id, u.name AS user_name,
      d.room_id AS room_id, 'recalled' AS status, COALESCE(d.message_id, 'task:' || d.task_ids) AS message_id, d.recall_reason AS reason
      FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key LEFT JOIN users u ON u.id = p.user_id
      WHERE ${recalled.join(' AND ')}`);
    params.push(...recalledParams);
  }
  if (status !== 'skipped' && status !== 'recalled') {
    parts.push(`SELECT d.at AS at, p.reminder_id AS reminder_id, d.type AS type, p.user_id AS user_id, u.name AS user_name,
      d.room_id AS room_id, d.status AS status, COALESCE(d.message_id, 'task:' || d.task_ids) AS message_id, d.reason AS reason
      FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key LEFT JOIN users u ON u.id = p.user_id
      ${sent.length ? `WHERE ${sent.join(' AND ')}` : ''}`);
    params.push(...sentParams);
  }
  if (!status || status === 'skipped') {
    parts.push(`SELECT s.at AS at, s.reminder_id AS reminder_id, s.type AS type, s.user_id AS user_id, u.name AS user_name,
      NULL AS room_id, 'skipped' AS status, NULL AS message_id, s.reason AS reason
      FROM skips s LEFT JOIN users u ON u.id = s.user_id ${skipped.length ? `WHERE ${skipped.join(' AND ')}` : ''}`);
    params.push(...skippedParams);
  }
  return { sql: `${parts.join(' UNION ALL ')} ORDER BY at DESC, reminder_id, user_id`, params };
}

function toHistoryRow(row: Row): HistoryRow {
  const status = (Object.entries(STATUS_OF).find(([, stored]) => stored === row.status)?.[0] ?? 'failed') as HistoryStatus;
  return {
    at: Number(row.at), reminderId: row.reminder_id, userId: row.user_id, status,
    ...(row.type ? { type: row.type } : {}), ...(row.user_name ? { userName: row.user_name } : {}),
    ...(row.room_id !== null ? { roomId: Number(row.room_id) } : {}), ...(row.message_id ? { messageId: row.message_id } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}
