import type { Migration } from '../../sql/database.js';

/**
 * Runs on record: the runs table (one row per finished send-reminders so far) becomes one row
 * per finished run of every command that changes or sends. A row says who ran it (run id,
 * command, host, pid, version), when it ended (at) and how (exit code, counts as JSON).
 * `reached` is the user ids a send-reminders run reached: the next run's "new skips" are
 * judged against it. Rows from before keep NULL here and count as send-reminders runs.
 */
export const migration: Migration = {
  version: 5,
  name: 'run-records',
  sql: `
ALTER TABLE runs ADD COLUMN run_id TEXT;
ALTER TABLE runs ADD COLUMN command TEXT;
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN pid BIGINT;
ALTER TABLE runs ADD COLUMN version TEXT;
ALTER TABLE runs ADD COLUMN counts TEXT;
ALTER TABLE runs ADD COLUMN reached TEXT;
CREATE UNIQUE INDEX runs_run_id ON runs (run_id);
CREATE INDEX runs_at ON runs (at);
`,
};
