import type { CurrentDirectory, DirectoryWrite, StatusSource, StoredUser } from '../store.js';
import type { HiManagerUser, Link } from '../../domain.js';
import type { SqlDatabase, SqlValue } from './database.js';
import { chunks, inBatches, placeholders } from './batches.js';

export const USER_COLUMNS = 'id, name, email, department, reading, status, manager_id, retired_at';

/** A users row as USER_COLUMNS selects it (directory.ts reads it too). */
export interface UserRow {
  id: string; name: string; email: string; department: string | null; reading: string | null;
  status: string | null; manager_id: string | null; retired_at: string | null;
}
export const toUser = (row: UserRow): HiManagerUser => ({
  id: row.id, name: row.name, email: row.email,
  ...(row.department ? { department: row.department } : {}), ...(row.reading ? { reading: row.reading } : {}),
  ...(row.status === 'on-leave' || row.status === 'retired' ? { status: row.status } : {}),
  ...(row.manager_id ? { managerId: row.manager_id } : {}), ...(row.retired_at ? { retiredAt: row.retired_at } : {}),
});

const UPSERT = `INSERT INTO users (id, position, name, email, department, reading, status, status_source, manager_id, retired_at) VALUES `;
const ON_CONFLICT = ` ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, email = excluded.email,
  department = excluded.department, reading = excluded.reading, status = excluded.status, status_source = excluded.status_source,
  manager_id = excluded.manager_id, retired_at = excluded.retired_at`;
/** 10 columns a row: 2,000 parameters a statement, well under both backends' limits. */
const ROWS_PER_STATEMENT = 200;

/**
 * `users import` and `users sync` in one transaction: the directory as it is goes to the plan,
 * which judges it (domain code: himanager-users/directory-diff.ts) and says what to write. Only
 * the rows that change are written, so a sync with 1 % changes writes about 1 % of the rows.
 */
export async function applyDirectory<T>(db: SqlDatabase, plan: (current: CurrentDirectory) => { write?: DirectoryWrite; result: T }): Promise<T> {
  return db.transaction(async (tx) => {
    const rows = await tx.all<UserRow & { position: number | string; status_source: StatusSource }>(`SELECT ${USER_COLUMNS}, position, status_source FROM users ORDER BY position`);
    const users: StoredUser[] = rows.map((row) => ({ user: toUser(row), position: Number(row.position), statusSource: row.status_source }));
    const linkRows = await tx.all<{ user_id: string; account_id: number | string; source: Link['source']; linked_at: string }>('SELECT user_id, account_id, source, linked_at FROM links');
    const links = new Map(linkRows.map((row) => [row.user_id, { accountId: Number(row.account_id), source: row.source, linkedAt: row.linked_at }]));
    const { write, result } = plan({ users, links });
    if (!write) return result;
    for (const batch of chunks(write.upsert, ROWS_PER_STATEMENT)) {
      const values: SqlValue[] = [];
      for (const { user, position, statusSource } of batch) {
        values.push(user.id, position, user.name, user.email, user.department ?? null, user.reading ?? null,
          user.status ?? 'active', statusSource, user.managerId ?? null, user.retiredAt ?? null);
      }
      await tx.run(`${UPSERT}${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}${ON_CONFLICT}`, values);
    }
    // The link ends, its history stays: the contact is free for someone else.
    await inBatches(write.endLinks, async (batch) => {
      await tx.run(`INSERT INTO ended_links (user_id, account_id, source, linked_at, ended_at, reason)
        SELECT user_id, account_id, source, linked_at, ?, ? FROM links WHERE user_id IN (${placeholders(batch)})`, [write.at, write.reason, ...batch]);
      // The link history (migration 0007) closes with 'retired': not a mistake, so a returning
      // person's own account is still recognised when they re-add the notification account.
      await tx.run(`UPDATE link_history SET unlinked_at = ?, reason = 'retired' WHERE unlinked_at IS NULL AND user_id IN (${placeholders(batch)})`, [write.at, ...batch]);
      await tx.run(`DELETE FROM links WHERE user_id IN (${placeholders(batch)})`, batch);
    });
    return result;
  });
}
