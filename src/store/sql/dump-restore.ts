import type { DumpRecord } from '../dump-format.js';
import { pairKey, type RestoreOptions, type RestoreResult } from '../store.js';
import type { SqlRunner, SqlValue } from './database.js';

/** At most this many parameters in one statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS = 8_000;

interface Table { insert: string; conflict: string; columns: number }

/**
 * How far along a delivery is, as one number: its status first (sent > in flight > failed or
 * deferred), then its recall (done > in flight > failed > never). A restore never lowers it:
 * an older dump's "deferred" over a "sent" would send again, and one without the recall
 * would make a recalled pair plannable.
 */
const rank = (row: string) => `(CASE ${row}.status WHEN 'sent' THEN 20 WHEN 'in-flight' THEN 10 ELSE 0 END
  + CASE ${row}.recall_state WHEN 'recalled' THEN 3 WHEN 'closed' THEN 3 WHEN 'cancelled' THEN 3 WHEN 'in-flight' THEN 2 WHEN 'failed' THEN 1 ELSE 0 END)`;
/** rank() of a row about to be written (status at 6, recall_state at 17), in JS. */
function rowRank(values: SqlValue[]): number {
  const status = ({ sent: 20, 'in-flight': 10 } as Record<string, number>)[String(values[6])] ?? 0;
  const recall = ({ recalled: 3, closed: 3, cancelled: 3, 'in-flight': 2, failed: 1 } as Record<string, number>)[String(values[17])] ?? 0;
  return status + recall;
}
const rankOfKey = (key: string) => `COALESCE((SELECT ${rank('d')} FROM deliveries d WHERE d.key = ${key}), -1)`;

const USERS: Table = {
  insert: 'INSERT INTO users (id, position, name, email, department, reading, status, status_source, manager_id, retired_at)', columns: 10,
  conflict: `ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, department = excluded.department, reading = excluded.reading,
    status = excluded.status, status_source = excluded.status_source, manager_id = excluded.manager_id, retired_at = excluded.retired_at`,
};
const LINKS: Table = {
  insert: 'INSERT INTO links (user_id, account_id, source, linked_at)', columns: 4,
  conflict: 'ON CONFLICT (user_id) DO UPDATE SET account_id = excluded.account_id, source = excluded.source, linked_at = excluded.linked_at',
};
const DELIVERIES: Table = {
  insert: `INSERT INTO deliveries (key, reminder_id, type, room_id, body_hash, intent_at, status, message_id, how, reason, at, body, defer_until, outbox,
    kind, task_ids, task_limit, recall_state, recall_at, recall_reason)`, columns: 20,
  conflict: `ON CONFLICT (key) DO UPDATE SET status = excluded.status, message_id = excluded.message_id, how = excluded.how, reason = excluded.reason,
    at = excluded.at, body = excluded.body, defer_until = excluded.defer_until, outbox = excluded.outbox, intent_at = excluded.intent_at,
    kind = excluded.kind, task_ids = excluded.task_ids, task_limit = excluded.task_limit, recall_state = excluded.recall_state,
    recall_at = excluded.recall_at, recall_reason = excluded.recall_reason
    WHERE ${rank('excluded')} >= ${rank('deliveries')}`,
};
const PAIRS: Table = {
  insert: 'INSERT INTO delivery_pairs (reminder_id, user_id, round, delivery_key)', columns: 4,
  // A pair moves to the dump's delivery only if that one is at least as far along as the pair's own.
  conflict: `ON CONFLICT (reminder_id, user_id, round) DO UPDATE SET delivery_key = excluded.delivery_key
    WHERE ${rankOfKey('excluded.delivery_key')} >= ${rankOfKey('delivery_pairs.delivery_key')}`,
};
const SKIPS: Table = {
  insert: 'INSERT INTO skips (reminder_id, user_id, round, type, reason, at)', columns: 6,
  conflict: 'ON CONFLICT (reminder_id, user_id, round) DO UPDATE SET reason = excluded.reason, at = excluded.at',
};

// What the inputs said last wins: a row seen later is kept over an older dump's.
const REMINDER_INPUTS: Table = {
  insert: 'INSERT INTO reminder_inputs (reminder_id, type, title, due, first_seen_at, last_seen_at)', columns: 6,
  conflict: `ON CONFLICT (reminder_id) DO UPDATE SET type = excluded.type, title = excluded.title, due = excluded.due, last_seen_at = excluded.last_seen_at,
    first_seen_at = CASE WHEN excluded.first_seen_at < reminder_inputs.first_seen_at THEN excluded.first_seen_at ELSE reminder_inputs.first_seen_at END
    WHERE excluded.last_seen_at >= reminder_inputs.last_seen_at`,
};
const REMINDER_PEOPLE: Table = {
  insert: 'INSERT INTO reminder_people (reminder_id, user_id, first_seen_at, last_seen_at, answered_at, answered_after_round)', columns: 6,
  conflict: `ON CONFLICT (reminder_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, answered_at = excluded.answered_at,
    answered_after_round = excluded.answered_after_round
    WHERE COALESCE(excluded.answered_at, excluded.last_seen_at) >= COALESCE(reminder_people.answered_at, reminder_people.last_seen_at)`,
};

/**
 * Writes dump records inside the caller's transaction, many rows to a statement (one round trip
 * per statement matters on PostgreSQL: 1.6 M deliveries). Upserts, so a retried restore is
 * harmless. A key twice in one statement is an error on PostgreSQL: a user or a delivery seen
 * again is merged in the batch (see add), any other key ends its batch. Against the store,
 * deliveries and pairs are merged monotonically (see rank): what the store had further along is
 * kept, and counted.
 */
export function createRestorer(tx: SqlRunner, firstPosition: number, options: RestoreOptions = {}) {
  let position = firstPosition;
  const pending = new Map<Table, Map<string, SqlValue[]>>();
  const result: RestoreResult = { records: 0, kept: { deliveries: 0, pairs: 0 }, accountSkipped: false };
  const flush = async (table: Table) => {
    // A pair is judged by the rank of its delivery: that delivery must be in the table first.
    if (table === PAIRS) await flush(DELIVERIES);
    const rows = pending.get(table);
    if (!rows?.size) return;
    pending.delete(table);
    const row = `(${Array.from({ length: table.columns }, () => '?').join(', ')})`;
    // Every row is inserted or updated, except a conflict whose WHERE kept the store's row.
    const changed = await tx.run(`${table.insert} VALUES ${Array.from(rows.values(), () => row).join(', ')} ${table.conflict}`, [...rows.values()].flat());
    if (table === DELIVERIES) result.kept.deliveries += rows.size - changed;
    if (table === PAIRS) result.kept.pairs += rows.size - changed;
  };
  const add = async (table: Table, key: string, values: SqlValue[], keep?: (earlier: SqlValue[]) => SqlValue[]) => {
    let rows = pending.get(table);
    // A key seen again with no rule here for the two (a pair, a sighting) is written first: the later
    // record then meets the conflict rule (its delivery's rank, the later sighting) as in a statement
    // of its own, not only when a batch happened to end between them.
    if (!keep && rows?.has(key)) {
      await flush(table);
      rows = undefined;
    }
    if (!rows) pending.set(table, rows = new Map<string, SqlValue[]>());
    const earlier = rows.get(key);
    rows.delete(key); // the last of a key is written last
    rows.set(key, earlier && keep ? keep(earlier) : values);
    if (rows.size * table.columns >= PARAMETERS) await flush(table);
  };
  return {
    async add(record: DumpRecord): Promise<void> {
      result.records += 1;
      switch (record.kind) {
        case 'header': return;
        case 'setting':
          // The account that sends is Chatwork's answer to a login, never a file's say-so.
          if (record.key === 'account' && !options.trustAccount) {
            result.accountSkipped = true;
            return;
          }
          await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [record.key, JSON.stringify(record.value)]);
          return;
        case 'user': {
          const values = [record.id, position++, record.name, record.email, record.department ?? null, record.reading ?? null,
            record.status ?? 'active', record.statusSource ?? 'file', record.managerId ?? null, record.retiredAt ?? null];
          // A user seen again keeps the place it was first given.
          return add(USERS, record.id, values, (earlier) => [values[0]!, earlier[1]!, ...values.slice(2)]);
        }
        case 'link':
          return add(LINKS, record.userId, [record.userId, record.accountId, record.source, record.linkedAt]);
        case 'rejection':
          await tx.run('INSERT INTO link_rejections (user_id, account_id, at, by) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, account_id) DO NOTHING', [record.userId, record.accountId, record.at, record.by]);
          return;
        case 'linkHistory':
          // A row the store has already (the same link, started at the same time) is kept as it is: restoring twice adds nothing.
          await tx.run(`INSERT INTO link_history (user_id, account_id, source, confirmed, linked_at, unlinked_at, reason) SELECT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT)
            WHERE NOT EXISTS (SELECT 1 FROM link_history WHERE user_id = ? AND account_id = ? AND linked_at = ?)`,
          [record.userId, record.accountId, record.source, record.confirmed ? 1 : 0, record.linkedAt, record.unlinkedAt, record.reason, record.userId, record.accountId, record.linkedAt]);
          return;
        case 'destination':
          await tx.run('INSERT INTO destinations (type, destination) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET destination = excluded.destination', [record.type, record.destination]);
          return;
        case 'delivery': {
          const values = [record.key, record.reminderId, record.type, record.roomId, record.bodyHash, record.intentAt, record.status,
            record.messageId, record.how, record.reason, record.at, record.body, record.deferUntil, record.outbox ? 1 : 0, record.deliveryKind ?? 'message',
            record.taskIds?.length ? record.taskIds.join(',') : null, record.taskLimit ?? null, record.recall?.state ?? null, record.recall?.at ?? null,
            record.recall?.reason ?? null];
          // The same key twice in one dump: the further along, as against the store (the later on a tie),
          // and counted as kept like the store's row would be, wherever a statement happens to end.
          await add(DELIVERIES, record.key, values, (earlier) => {
            if (rowRank(earlier) <= rowRank(values)) return values;
            result.kept.deliveries += 1;
            return earlier;
          });
        }
          // A version 1 dump's pairs have no round: round '', the first message.
          for (const [reminderId, userId, round = ''] of record.pairs) await add(PAIRS, pairKey(reminderId, userId, round), [reminderId, userId, round, record.key]);
          return;
        case 'skip':
          return add(SKIPS, pairKey(record.reminderId, record.userId, record.round), [record.reminderId, record.userId, record.round ?? '', record.type, record.reason, record.at]);
        case 'reminderInput':
          return add(REMINDER_INPUTS, record.reminderId, [record.reminderId, record.type, record.title, record.due, record.firstSeenAt, record.lastSeenAt]);
        case 'reminderPerson':
          return add(REMINDER_PEOPLE, pairKey(record.reminderId, record.userId), [record.reminderId, record.userId, record.firstSeenAt, record.lastSeenAt,
            record.answeredAt, record.answeredAfterRound]);
        case 'leave':
          // The store's own period of that person and source, if it has one, is kept.
          await tx.run(`INSERT INTO leave_periods (user_id, source, from_date, until_date, reason, set_at, set_by) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id, source) DO NOTHING`, [record.userId, record.source, record.from, record.until, record.reason, record.setAt, record.setBy]);
          return;
        case 'run':
          // A run is known by when it started and ended: restoring the same dump twice adds it once.
          // A run on record (schema 5) also by its run id.
          await tx.run(`INSERT INTO runs (at, started_at, delivered, failed, skipped, deferred, exit_code, in_window, run_id, command, host, pid, version, counts)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM runs WHERE (at = ? AND started_at = ?) OR run_id = ?)`,
          [record.at, record.startedAt, record.delivered, record.failed, record.skipped, record.deferred, record.exitCode,
            record.inWindow === null ? null : record.inWindow ? 1 : 0, record.runId ?? null, record.command ?? null, record.host ?? null,
            record.pid ?? null, record.version ?? null, record.counts ? JSON.stringify(record.counts) : null, record.at, record.startedAt, record.runId ?? null]);
      }
    },
    /** Writes what is still pending, in the order the tables depend on each other. */
    async finish(): Promise<RestoreResult> {
      for (const table of [USERS, LINKS, DELIVERIES, PAIRS, SKIPS, REMINDER_INPUTS, REMINDER_PEOPLE]) await flush(table);
      return result;
    },
  };
}
