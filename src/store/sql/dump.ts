import type { DumpRecord } from '../dump-format.js';
import type { SqlDatabase, SqlRunner } from './database.js';

const PAGE = 2000;

/** Every row of the store as dump records, table by table, in pages: memory stays flat. */
export async function* exportRecords(db: SqlDatabase): AsyncGenerator<DumpRecord> {
  for (const row of await db.all<{ key: string; value: string }>('SELECT key, value FROM settings ORDER BY key')) {
    yield { kind: 'setting', key: row.key, value: JSON.parse(row.value) };
  }
  yield* paged(db, 'SELECT id, name, email, department, reading FROM users ORDER BY position', (r: Record<string, unknown>) => ({
    kind: 'user' as const, id: String(r.id), name: String(r.name), email: String(r.email),
    ...(r.department ? { department: String(r.department) } : {}), ...(r.reading ? { reading: String(r.reading) } : {}),
  }));
  yield* paged(db, 'SELECT user_id, account_id, source, linked_at FROM links ORDER BY user_id', (r) => ({
    kind: 'link' as const, userId: String(r.user_id), accountId: Number(r.account_id), source: r.source as 'manual', linkedAt: String(r.linked_at),
  }));
  for (const r of await db.all<{ type: 'praise'; destination: string }>('SELECT type, destination FROM destinations ORDER BY type')) {
    yield { kind: 'destination', type: r.type, destination: r.destination };
  }
  for await (const page of pages(db, 'SELECT key, reminder_id, type, room_id, body_hash, intent_at, status, message_id, how, reason, at, body, defer_until, outbox, kind, task_ids, task_limit, recall_state, recall_at, recall_reason FROM deliveries ORDER BY key')) {
    const keys = page.map((r) => String(r.key));
    const pairs = new Map<string, [string, string][]>();
    const found = await db.all<{ reminder_id: string; user_id: string; delivery_key: string }>(
      `SELECT reminder_id, user_id, delivery_key FROM delivery_pairs WHERE delivery_key IN (${keys.map(() => '?').join(', ')}) ORDER BY user_id`, keys);
    for (const p of found) pairs.set(p.delivery_key, [...(pairs.get(p.delivery_key) ?? []), [p.reminder_id, p.user_id]]);
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
  yield* paged(db, 'SELECT reminder_id, user_id, type, reason, at FROM skips ORDER BY reminder_id, user_id', (r) => ({
    kind: 'skip' as const, reminderId: String(r.reminder_id), userId: String(r.user_id), type: (r.type ?? null) as 'praise' | null, reason: String(r.reason), at: Number(r.at),
  }));
  yield* paged(db, 'SELECT at, started_at, delivered, failed, skipped, deferred, exit_code, in_window FROM runs ORDER BY id', (r) => ({
    kind: 'run' as const, at: Number(r.at), startedAt: Number(r.started_at), delivered: Number(r.delivered), failed: Number(r.failed),
    skipped: Number(r.skipped), deferred: Number(r.deferred), exitCode: Number(r.exit_code), inWindow: r.in_window === null ? null : Number(r.in_window) === 1,
  }));
}

async function* pages(db: SqlDatabase, sql: string): AsyncGenerator<Record<string, unknown>[]> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await db.all<Record<string, unknown>>(`${sql} LIMIT ? OFFSET ?`, [PAGE, offset]);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
  }
}

async function* paged<T>(db: SqlDatabase, sql: string, map: (row: Record<string, unknown>) => T): AsyncGenerator<T> {
  for await (const page of pages(db, sql)) for (const row of page) yield map(row);
}

/** Writes records inside the caller's transaction; upserts, so a retried restore is harmless. */
export async function restoreRecord(tx: SqlRunner, record: DumpRecord, position: () => number): Promise<void> {
  switch (record.kind) {
    case 'header': return;
    case 'setting':
      await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [record.key, JSON.stringify(record.value)]);
      return;
    case 'user':
      await tx.run(`INSERT INTO users (id, position, name, email, department, reading) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, department = excluded.department, reading = excluded.reading`,
      [record.id, position(), record.name, record.email, record.department ?? null, record.reading ?? null]);
      return;
    case 'link':
      await tx.run(`INSERT INTO links (user_id, account_id, source, linked_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET account_id = excluded.account_id, source = excluded.source, linked_at = excluded.linked_at`,
      [record.userId, record.accountId, record.source, record.linkedAt]);
      return;
    case 'destination':
      await tx.run('INSERT INTO destinations (type, destination) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET destination = excluded.destination', [record.type, record.destination]);
      return;
    case 'delivery':
      await tx.run(`INSERT INTO deliveries (key, reminder_id, type, room_id, body_hash, intent_at, status, message_id, how, reason, at, body, defer_until, outbox,
          kind, task_ids, task_limit, recall_state, recall_at, recall_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET status = excluded.status, message_id = excluded.message_id, how = excluded.how, reason = excluded.reason,
          at = excluded.at, body = excluded.body, defer_until = excluded.defer_until, outbox = excluded.outbox, intent_at = excluded.intent_at,
          kind = excluded.kind, task_ids = excluded.task_ids, task_limit = excluded.task_limit, recall_state = excluded.recall_state,
          recall_at = excluded.recall_at, recall_reason = excluded.recall_reason`,
      [record.key, record.reminderId, record.type, record.roomId, record.bodyHash, record.intentAt, record.status, record.messageId, record.how,
        record.reason, record.at, record.body, record.deferUntil, record.outbox ? 1 : 0, record.deliveryKind ?? 'message',
        record.taskIds?.length ? record.taskIds.join(',') : null, record.taskLimit ?? null, record.recall?.state ?? null, record.recall?.at ?? null,
        record.recall?.reason ?? null]);
      for (const [reminderId, userId] of record.pairs) {
        await tx.run('INSERT INTO delivery_pairs (reminder_id, user_id, delivery_key) VALUES (?, ?, ?) ON CONFLICT (reminder_id, user_id) DO UPDATE SET delivery_key = excluded.delivery_key',
          [reminderId, userId, record.key]);
      }
      return;
    case 'skip':
      await tx.run('INSERT INTO skips (reminder_id, user_id, type, reason, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (reminder_id, user_id) DO UPDATE SET reason = excluded.reason, at = excluded.at',
        [record.reminderId, record.userId, record.type, record.reason, record.at]);
      return;
    case 'run':
      // A run is known by when it started and ended: restoring the same dump twice adds it once.
      await tx.run(`INSERT INTO runs (at, started_at, delivered, failed, skipped, deferred, exit_code, in_window)
        SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM runs WHERE at = ? AND started_at = ?)`,
      [record.at, record.startedAt, record.delivered, record.failed, record.skipped, record.deferred, record.exitCode,
        record.inWindow === null ? null : record.inWindow ? 1 : 0, record.at, record.startedAt]);
  }
}
