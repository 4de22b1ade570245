import type { Link } from '../../domain.js';
import type { LinkWriteMeta, UnlinkReason } from '../repos/decisions.js';
import type { SqlRunner } from './database.js';

/**
 * The history rows of one write of links, in the write's own transaction: a link that ends is
 * closed with its reason, a link that starts is opened, confirmed or not. The links repository
 * calls this for every write, so no link is ever written without its history.
 */
export async function recordLinkHistory(tx: SqlRunner, ended: [string, Link][], started: [string, Link][], meta: LinkWriteMeta & { endReason: UnlinkReason }): Promise<void> {
  const at = meta.at ?? new Date().toISOString();
  for (const [userId, link] of ended) {
    await tx.run('UPDATE link_history SET unlinked_at = ?, reason = ? WHERE user_id = ? AND account_id = ? AND unlinked_at IS NULL', [at, meta.endReason, userId, link.accountId]);
  }
  for (const [userId, link] of started) {
    await tx.run('INSERT INTO link_history (user_id, account_id, source, confirmed, linked_at) VALUES (?, ?, ?, ?, ?)',
      [userId, link.accountId, link.source, meta.confirmed ? 1 : 0, link.linkedAt]);
  }
}
