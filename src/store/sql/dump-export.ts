import type { DumpRecord } from '../dump-format.js';
import type { SqlDatabase, SqlValue } from './database.js';
import { MOVED_SETTING } from '../repos/moved.js';
import type { Pair } from '../store.js';
import { pairOf } from './ledger-rounds.js';

const PAGE = 2000;

/** Every row of the store as dump records, table by table, in pages: memory stays flat. */
export async function* exportRecords(db: SqlDatabase): AsyncGenerator<DumpRecord> {
  // The moved marker belongs to this store, not to its state: a copy of it must not refuse work.
  for (const row of await db.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE key <> ? ORDER BY key', [MOVED_SETTING])) {
    yield { kind: 'setting', key: row.key, value: JSON.parse(row.value) };
  }
  yield* paged(db, 'SELECT position, id, name, email, department, reading, status, status_source, manager_id, retired_at FROM users', ['position'], (r: Record<string, unknown>) => ({
    kind: 'user' as const, id: String(r.id), name: String(r.name), email: String(r.email),
    ...(r.department ? { department: String(r.department) } : {}), ...(r.reading ? { reading: String(r.reading) } : {}),
    ...(r.status && r.status !== 'active' ? { status: r.status as 'retired' } : {}), ...(r.status_source === 'command' ? { statusSource: 'command' as const } : {}),
    ...(r.manager_id ? { managerId: String(r.manager_id) } : {}), ...(r.retired_at ? { retiredAt: String(r.retired_at) } : {}),
  }));
  yield* paged(db, 'SELECT user_id, account_id, source, linked_at FROM links', ['user_id'], (r) => ({
    kind: 'link' as const, userId: String(r.user_id), accountId: Number(r.account_id), source: r.source as 'manual', linkedAt: String(r.linked_at),
  }));
  yield* paged(db, 'SELECT user_id, account_id, at, by FROM link_rejections', ['user_id', 'account_id'], (r) => ({
    kind: 'rejection' as const, userId: String(r.user_id), accountId: Number(r.account_id), at: String(r.at), by: String(r.by),
  }));
  yield* paged(db, 'SELECT id, user_id, account_id, source, confirmed, linked_at, unlinked_at, reason FROM link_history', ['id'], (r) => ({
    kind: 'linkHistory' as const, userId: String(r.user_id), accountId: Number(r.account_id), source: r.source as 'manual', confirmed: Number(r.confirmed) === 1,
    linkedAt: String(r.linked_at), unlinkedAt: r.unlinked_at === null ? null : String(r.unlinked_at), reason: (r.reason ?? null) as 'unlinked' | null,
  }));
  for (const r of await db.all<{ type: 'praise'; destination: string }>('SELECT type, destination FROM destinations ORDER BY type')) {
    yield { kind: 'destination', type: r.type, destination: r.destination };
  }
  for await (const page of pages(db, 'SELECT key, reminder_id, type, room_id, body_hash, intent_at, status, message_id, how, reason, at, body, defer_until, outbox, kind, task_ids, task_limit, recall_state, recall_at, recall_reason FROM deliveries', ['key'])) {
    const keys = page.map((r) => String(r.key));
    const pairs = new Map<string, Pair[]>();
    const found = await db.all<{ reminder_id: string; user_id: string; round: string; delivery_key: string }>(
      `SELECT reminder_id, user_id, round, delivery_key FROM delivery_pairs WHERE delivery_key IN (${keys.map(() => '?').join(', ')}) ORDER BY user_id, round`, keys);
    for (const p of found) pairs.set(p.delivery_key, [...(pairs.get(p.delivery_key) ?? []), pairOf(p.reminder_id, p.user_id, p.round)]);
    for (const r of page) {
      yield {
        kind: 'delivery', key: String(r.key), reminderId: String(r.reminder_id), type: (r.type ?? null) as 'praise' | null, roomId: Number(r.room_id),
        bodyHash: String(r.body_hash), intentAt: Number(r.intent_at), status: r.status as 'sent', messageId: (r.message_id ?? null) as string | null,
        how: (r.how ?? null) as string | null, reason: (r.reason ?? null) as string | null, at: Number(r.at), body: (r.body ?? null) as string | null,
        deferUntil: r.defer_until === null ? null : Number(r.defer_until), outbox: Number(r.outbox) === 1, pairs: pairs.get(String(r.key)) ?? [],
        ...(r.kind === 'task' ? { deliveryKind: 'task' as const, taskIds: r.task_ids ? String(r.task_ids).split(',') : [],
          taskLimit: r.task_limit === null ? null : Number(r.task_limit) } : {}),
        ...(r.recall_state ? { recall: { state: r.recall_state as 'recalled', at: Number(r.recall_at), reason: (r.recall_reason ?? null) as string | null } } : {}),
      };
    }
  }
  yield* paged(db, 'SELECT reminder_id, user_id, round, type, reason, at FROM skips', ['reminder_id', 'user_id', 'round'], (r) => ({
    kind: 'skip' as const, reminderId: String(r.reminder_id), userId: String(r.user_id), type: (r.type ?? null) as 'praise' | null, reason: String(r.reason), at: Number(r.at),
    ...(r.round ? { round: String(r.round) } : {}),
  }));
  yield* paged(db, 'SELECT reminder_id, type, title, due, first_seen_at, last_seen_at FROM reminder_inputs', ['reminder_id'], (r) => ({
    kind: 'reminderInput' as const, reminderId: String(r.reminder_id), type: r.type as 'survey', title: String(r.title), due: r.due === null ? null : String(r.due),
    firstSeenAt: Number(r.first_seen_at), lastSeenAt: Number(r.last_seen_at),
  }));
  yield* paged(db, 'SELECT reminder_id, user_id, first_seen_at, last_seen_at, answered_at, answered_after_round FROM reminder_people', ['reminder_id', 'user_id'], (r) => ({
    kind: 'reminderPerson' as const, reminderId: String(r.reminder_id), userId: String(r.user_id), firstSeenAt: Number(r.first_seen_at), lastSeenAt: Number(r.last_seen_at),
    answeredAt: r.answered_at === null ? null : Number(r.answered_at), answeredAfterRound: r.answered_after_round === null ? null : String(r.answered_after_round),
  }));
  yield* paged(db, 'SELECT id, at, started_at, delivered, failed, skipped, deferred, exit_code, in_window, run_id, command, host, pid, version, counts FROM runs', ['id'], (r) => ({
    kind: 'run' as const, at: Number(r.at), startedAt: Number(r.started_at), delivered: Number(r.delivered), failed: Number(r.failed),
    skipped: Number(r.skipped), deferred: Number(r.deferred), exitCode: Number(r.exit_code), inWindow: r.in_window === null ? null : Number(r.in_window) === 1,
    ...(r.run_id ? { runId: String(r.run_id), command: String(r.command), host: String(r.host), pid: Number(r.pid), version: String(r.version) } : {}),
    ...(r.counts ? { counts: JSON.parse(String(r.counts)) as Record<string, number> } : {}),
  }));
}

/**
 * A table in pages of PAGE rows, each page after the last key seen (keyset paging): the cost of a
 * page does not grow with how far into the table it is, as an OFFSET's would (1.6 M deliveries).
 */
async function* pages(db: SqlDatabase, sql: string, key: string[]): AsyncGenerator<Record<string, unknown>[]> {
  const columns = key.join(', ');
  let after: SqlValue[] | undefined;
  for (;;) {
    const where = after ? ` WHERE (${columns}) > (${key.map(() => '?').join(', ')})` : '';
    const rows = await db.all<Record<string, unknown>>(`${sql}${where} ORDER BY ${columns} LIMIT ?`, [...(after ?? []), PAGE]);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = key.map((column) => last[column] as SqlValue);
  }
}

async function* paged<T>(db: SqlDatabase, sql: string, key: string[], map: (row: Record<string, unknown>) => T): AsyncGenerator<T> {
  for await (const page of pages(db, sql, key)) for (const row of page) yield map(row);
}
