import type { Link } from '../../domain.js';
import type { AuditWriter } from './audit.js';
import type { DecisionsRepo, LinkHistoryEntry, Rejection, UnlinkReason } from '../repos/decisions.js';
import { inBatches, placeholders } from './batches.js';
import type { SqlDatabase } from './database.js';
import { recordLinkHistory } from './link-history.js';

interface RejectionRow { user_id: string; account_id: number | string; at: string; by: string }
interface HistoryRow { user_id: string; account_id: number | string; source: Link['source']; confirmed: number | string; linked_at: string; unlinked_at: string | null; reason: UnlinkReason | null }

const toHistory = (row: HistoryRow): LinkHistoryEntry => ({
  userId: row.user_id, accountId: Number(row.account_id), source: row.source, confirmed: Number(row.confirmed) === 1, linkedAt: row.linked_at,
  ...(row.unlinked_at ? { unlinkedAt: row.unlinked_at } : {}), ...(row.reason ? { reason: row.reason } : {}),
});

/** Rejected pairs and the link history (migration 7), the same on both backends. */
export function decisionsRepo(db: SqlDatabase, audit: AuditWriter): DecisionsRepo {
  const columns = 'user_id, account_id, source, confirmed, linked_at, unlinked_at, reason';
  return {
    rejections: async () => (await db.all<RejectionRow>('SELECT user_id, account_id, at, by FROM link_rejections ORDER BY user_id, account_id'))
      .map((row) => ({ userId: row.user_id, accountId: Number(row.account_id), at: row.at, by: row.by })),
    reject: (rejection: Rejection) => db.transaction(async (tx) => {
      const added = await tx.run('INSERT INTO link_rejections (user_id, account_id, at, by) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, account_id) DO NOTHING',
        [rejection.userId, rejection.accountId, rejection.at, rejection.by]) > 0;
      const linked = await tx.get<{ source: Link['source']; linked_at: string }>('SELECT source, linked_at FROM links WHERE user_id = ? AND account_id = ?', [rejection.userId, rejection.accountId]);
      if (linked) {
        await tx.run('DELETE FROM links WHERE user_id = ?', [rejection.userId]);
        await recordLinkHistory(tx, [[rejection.userId, { accountId: rejection.accountId, source: linked.source, linkedAt: linked.linked_at }]], [], { at: rejection.at, endReason: 'rejected' });
      }
      if (added || linked) await audit.write(tx, [{ action: 'link.reject', subject: rejection.userId, detail: { accountId: rejection.accountId, unlinked: linked !== undefined } }]);
      return { added, unlinked: linked !== undefined };
    }),
    undoRejection: (userId, accountId) => db.transaction(async (tx) => {
      const undone = await tx.run('DELETE FROM link_rejections WHERE user_id = ? AND account_id = ?', [userId, accountId]) > 0;
      if (undone) await audit.write(tx, [{ action: 'link.unreject', subject: userId, detail: { accountId } }]);
      return undone;
    }),
    async history(userIds) {
      if (!userIds) return (await db.all<HistoryRow>(`SELECT ${columns} FROM link_history ORDER BY id`)).map(toHistory);
      const rows: HistoryRow[] = [];
      await inBatches([...new Set(userIds)], async (batch) => {
        rows.push(...await db.all<HistoryRow & { id: number }>(`SELECT id, ${columns} FROM link_history WHERE user_id IN (${placeholders(batch)}) ORDER BY id`, batch));
      });
      return rows.sort((a, b) => Number((a as HistoryRow & { id: number }).id) - Number((b as HistoryRow & { id: number }).id)).map(toHistory);
    },
  };
}
