import type { Migration } from '../../sql/database.js';

/**
 * Leave (育休, 産休, 休職…): a person gets no reminder between from_date and until_date, both
 * inclusive calendar dates in the calendar's time zone. until_date is NULL when the end is not
 * known (a directory that only says 休職中). One row per person and source: `users leave` writes
 * 'command', `users sync`/`users import` replace every 'directory' row.
 */
export const migration: Migration = {
  version: 9,
  name: 'leave',
  sql: `
CREATE TABLE leave_periods (user_id TEXT NOT NULL, source TEXT NOT NULL, from_date TEXT NOT NULL, until_date TEXT, reason TEXT,
  set_at TEXT NOT NULL, set_by TEXT NOT NULL, PRIMARY KEY (user_id, source));
`,
};
