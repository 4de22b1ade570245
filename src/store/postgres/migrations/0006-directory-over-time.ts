import type { Migration } from '../../sql/database.js';

/**
 * The directory over time (`users sync`): people absent from an export are retired, never
 * deleted, so their history keeps its names. `status` is what the export said (active, on-leave,
 * retired); `status_source` says who set it ('file', or 'command' for a later `users leave`,
 * which the export does not overwrite); `retired_at` is when the person left the directory.
 * A retired person's link ends, freeing the contact; ended links are kept in `ended_links`.
 */
export const migration: Migration = {
  version: 6,
  name: 'directory-over-time',
  sql: `
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN status_source TEXT NOT NULL DEFAULT 'file';
ALTER TABLE users ADD COLUMN manager_id TEXT COLLATE "C";
ALTER TABLE users ADD COLUMN retired_at TEXT;
CREATE INDEX users_retired ON users (retired_at);
CREATE TABLE ended_links (
  user_id TEXT COLLATE "C" NOT NULL, account_id BIGINT NOT NULL, source TEXT NOT NULL, linked_at TEXT NOT NULL,
  ended_at TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX ended_links_user ON ended_links (user_id);
CREATE INDEX ended_links_account ON ended_links (account_id);
`,
};
