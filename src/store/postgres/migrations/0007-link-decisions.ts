import type { Migration } from '../../sql/database.js';

/**
 * Decisions about links that stick. link_rejections: "this contact is not this person", said by
 * an admin; the matcher never proposes the pair again until it is taken back. link_history: every
 * link ever written, whether a person confirmed it, and when and why it ended; a re-added contact
 * is recognised from it, and a link that ended as a mistake (unlinked, corrected) never counts.
 * The links of before start the history: confirmed unless the matcher made them alone.
 */
export const migration: Migration = {
  version: 7,
  name: 'link-decisions',
  sql: `
CREATE TABLE link_rejections (user_id TEXT NOT NULL, account_id BIGINT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL, PRIMARY KEY (user_id, account_id));
CREATE TABLE link_history (id BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, account_id BIGINT NOT NULL, source TEXT NOT NULL, confirmed INTEGER NOT NULL,
  linked_at TEXT NOT NULL, unlinked_at TEXT, reason TEXT);
CREATE INDEX link_history_user ON link_history (user_id, account_id);
INSERT INTO link_history (user_id, account_id, source, confirmed, linked_at)
  SELECT user_id, account_id, source, CASE WHEN source = 'auto' THEN 0 ELSE 1 END, linked_at FROM links ORDER BY user_id;
`,
};
