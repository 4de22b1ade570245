import type { Migration } from '../../sql/database.js';

/**
 * One audit table for every change an admin makes, from the CLI or the console: who (the OS
 * user), when, where (cli or console), what (an action and its subject) and the values before
 * and after (JSON). Written in the change's own transaction (src/store/sql/audit.ts).
 */
export const migration: Migration = {
  version: 10,
  name: 'audit',
  sql: `
CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, place TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX audit_at ON audit (at);
`,
};
