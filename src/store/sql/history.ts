import type { NotificationType } from '../../domain.js';
import type { HistoryQuery, HistoryRepo, HistoryRow, HistoryStatus } from '../store.js';
import type { SqlDatabase, SqlValue } from './database.js';

const PAGE = 500;
const STATUS_OF: Record<HistoryStatus, string> = {
  delivered: 'sent', failed: 'failed', deferred: 'deferred', 'in-flight': 'in-flight', skipped: 'skipped', recalled: 'recalled', withdrawn: 'withdrawn',
};
/** A held delivery withdrawn (unlink, destination off or changed): a skip whose reason says so. */
const WITHDRAWN = "s.reason LIKE 'withdrawn-%'";
/** What `recall` did, a line of its own next to the delivery's: 'recalled', 'closed' (a task) or 'cancelled'. */
const RECALLED = "('recalled', 'closed', 'cancelled')";

interface Row {
  at: number | string; reminder_id: string; round: string | null; type: NotificationType | null; user_id: string; user_name: string | null;
  room_id: number | string | null; status: string; message_id: string | null; reason: string | null;
  defer_until: number | string | null;
}

/**
 * One line per (delivery, recipient), one more per recipient of a recalled delivery (when and
 * how), and one per pair that was skipped and never sent; newest first. The kinds are read
 * apart, each newest first through its own index, and merged here: a page of the newest rows
 * costs the same on a million deliveries as on ten.
 */
export function historyRepo(db: SqlDatabase): HistoryRepo {
  return {
    async *query(query) {
      const limit = query.limit && query.limit > 0 ? query.limit : Infinity;
      const status = query.status ? STATUS_OF[query.status] : undefined;
      const sides = [
        ...(status !== 'skipped' && status !== 'recalled' && status !== 'withdrawn' ? [pages(db, deliveriesSql(query, status))] : []),
        ...(status === undefined || status === 'recalled' ? [pages(db, recalledSql(query))] : []),
        ...(status === undefined || status === 'skipped' || status === 'withdrawn' ? [pages(db, skipsSql(query, status))] : []),
      ];
      let count = 0;
      for await (const row of mergeNewestFirst(sides)) {
        if (count++ >= limit) return;
        yield toHistoryRow(row);
      }
    },
    async prune(before, { dryRun }) {
      // A 'too-long' reason stays: it is what keeps that pair from being planned again.
      const where = "at < ? AND status IN ('sent', 'failed') AND (body IS NOT NULL OR (reason IS NOT NULL AND reason <> 'too-long'))";
      const count = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE ${where}`, [before]))!.n);
      if (!dryRun) {
        await db.transaction(async (tx) => {
          // The keys (delivery_pairs) and each delivery's status stay: exactly-once holds after a prune.
          await tx.run(`UPDATE deliveries SET body = NULL, reason = CASE WHEN reason = 'too-long' THEN reason ELSE NULL END WHERE ${where}`, [before]);
          await tx.run('DELETE FROM runs WHERE at < ?', [before]);
        });
      }
      return { deliveries: count };
    },
  };
}

interface Sql { sql: string; params: SqlValue[] }

/** The filters every kind of line takes, on its table's columns (`p.`/`d.` for deliveries, `s.` for skips). */
function filters(query: HistoryQuery, pair: string, row: string, at = `${row}.at`, type = `${row}.type`): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue | undefined) => { if (value !== undefined) { where.push(clause); params.push(value); } };
  add(`${pair}.user_id = ?`, query.userId);
  add(`${pair}.reminder_id = ?`, query.reminderId);
  add(`${type} = ?`, query.type);
  add(`${at} >= ?`, query.since);
  add(`${at} < ?`, query.until);
  return { where, params };
}

// A digest is one delivery row for several reminders, and its row keeps the first one's type:
// each pair's own type is its reminder's, as the input recorded it (deliveries from before the
// inputs were recorded have only the row's).
const PAIR_TYPE = 'COALESCE(ri.type, d.type)';
const PAIR_JOINS = 'LEFT JOIN reminder_inputs ri ON ri.reminder_id = p.reminder_id LEFT JOIN users u ON u.id = p.user_id';

const whereClause = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

function deliveriesSql(query: HistoryQuery, status: string | undefined): Sql {
  const { where, params } = filters(query, 'p', 'd', 'd.at', PAIR_TYPE);
  if (status) { where.push('d.status = ?'); params.push(status); }
  return {
    sql: `SELECT d.at AS at, p.reminder_id AS reminder_id, p.round AS round, ${PAIR_TYPE} AS type, p.user_id AS user_id, u.name AS user_name,
      d.room_id AS room_id, d.status AS status, COALESCE(d.message_id, 'task:' || d.task_ids) AS message_id, d.reason AS reason,
      CASE WHEN d.status = 'deferred' THEN d.defer_until END AS defer_until
      FROM deliveries d JOIN delivery_pairs p ON p.delivery_key = d.key ${PAIR_JOINS}
      ${whereClause(where)} ORDER BY d.at DESC, p.reminder_id, p.user_id`,
    params,
  };
}

function recalledSql(query: HistoryQuery): Sql {
  const { where, params } = filters(query, 'p', 'd', 'd.recall_at', PAIR_TYPE);
  where.unshift(`d.recall_state IN ${RECALLED}`);
  return {
    sql: `SELECT d.recall_at AS at, p.reminder_id AS reminder_id, p.round AS round, ${PAIR_TYPE} AS type, p.user_id AS user_id, u.name AS user_name,
      d.room_id AS room_id, 'recalled' AS status, COALESCE(d.message_id, 'task:' || d.task_ids) AS message_id, d.recall_reason AS reason, NULL AS defer_until
      FROM deliveries d JOIN delivery_pairs p ON p.delivery_key = d.key ${PAIR_JOINS}
      ${whereClause(where)} ORDER BY d.recall_at DESC, p.reminder_id, p.user_id`,
    params,
  };
}

function skipsSql(query: HistoryQuery, status: string | undefined): Sql {
  const { where, params } = filters(query, 's', 's');
  if (status === 'withdrawn') where.push(WITHDRAWN);
  if (status === 'skipped') where.push(`NOT ${WITHDRAWN}`);
  return {
    sql: `SELECT s.at AS at, s.reminder_id AS reminder_id, s.round AS round, s.type AS type, s.user_id AS user_id, u.name AS user_name,
      NULL AS room_id, CASE WHEN ${WITHDRAWN} THEN 'withdrawn' ELSE 'skipped' END AS status, NULL AS message_id, s.reason AS reason, NULL AS defer_until
      FROM skips s LEFT JOIN users u ON u.id = s.user_id ${whereClause(where)} ORDER BY s.at DESC, s.reminder_id, s.user_id`,
    params,
  };
}

async function* pages(db: SqlDatabase, { sql, params }: Sql): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await db.all<Row>(`${sql} LIMIT ? OFFSET ?`, [...params, PAGE, offset]);
    yield* rows;
    if (rows.length < PAGE) return;
  }
}

/** Two streams, each newest first, as one. */
async function* mergeNewestFirst(sides: AsyncGenerator<Row>[]): AsyncGenerator<Row> {
  const heads = await Promise.all(sides.map(async (side) => (await side.next()).value as Row | undefined));
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] && (pick < 0 || Number(heads[i]!.at) > Number(heads[pick]!.at))) pick = i;
    }
    if (pick < 0) return;
    yield heads[pick]!;
    heads[pick] = (await sides[pick]!.next()).value as Row | undefined;
  }
}

function toHistoryRow(row: Row): HistoryRow {
  const status = (Object.entries(STATUS_OF).find(([, stored]) => stored === row.status)?.[0] ?? 'failed') as HistoryStatus;
  return {
    at: Number(row.at), reminderId: row.reminder_id, userId: row.user_id, status, ...(row.round ? { round: row.round } : {}),
    ...(row.type ? { type: row.type } : {}), ...(row.user_name ? { userName: row.user_name } : {}),
    ...(row.room_id !== null ? { roomId: Number(row.room_id) } : {}), ...(row.message_id ? { messageId: row.message_id } : {}),
    ...(row.reason ? { reason: row.reason } : {}), ...(row.defer_until !== null && row.defer_until !== undefined ? { until: Number(row.defer_until) } : {}),
  };
}
