import type { Migration } from '../../sql/database.js';

/**
 * A delivery is a message or a Chatwork task: kind, its task ids (comma-separated) and the
 * task's deadline (task_limit, Unix seconds, kept so a deferred task goes out as planned).
 * A delivery may be recalled: recall_state is NULL (never), 'in-flight' (intent durable,
 * outcome unknown), 'recalled', 'closed' (a task marked done: the API cannot delete tasks),
 * 'cancelled' (a deferred or failed delivery withdrawn before it went out) or 'failed'.
 */
export const migration: Migration = {
  version: 3,
  name: 'tasks-and-recall',
  sql: `
ALTER TABLE deliveries ADD COLUMN kind TEXT NOT NULL DEFAULT 'message';
ALTER TABLE deliveries ADD COLUMN task_ids TEXT;
ALTER TABLE deliveries ADD COLUMN task_limit BIGINT;
ALTER TABLE deliveries ADD COLUMN recall_state TEXT;
ALTER TABLE deliveries ADD COLUMN recall_at BIGINT;
ALTER TABLE deliveries ADD COLUMN recall_reason TEXT;
CREATE INDEX deliveries_recall ON deliveries (recall_state) WHERE recall_state IS NOT NULL;
`,
};
