import type { Migration } from '../../sql/database.js';

/**
 * Follow-up rounds (issue 27). A pair is delivered once per round: '' (the first message, as
 * every row before had), `d<N>` (N calendar days before due), `manager` (the escalation). SQLite
 * cannot change a primary key in place: delivery_pairs and skips are rebuilt, their rows kept.
 *
 * The inputs over time: each reminder id seen, and each person it listed. A person listed
 * before and absent from a later input that still lists the reminder has answered.
 */
export const migration: Migration = {
  version: 8,
  name: 'rounds',
  sql: `
CREATE TABLE delivery_pairs_0008 (
  reminder_id TEXT NOT NULL, user_id TEXT NOT NULL, round TEXT NOT NULL DEFAULT '', delivery_key TEXT NOT NULL,
  PRIMARY KEY (reminder_id, user_id, round));
INSERT INTO delivery_pairs_0008 (reminder_id, user_id, round, delivery_key) SELECT reminder_id, user_id, '', delivery_key FROM delivery_pairs;
DROP TABLE delivery_pairs;
ALTER TABLE delivery_pairs_0008 RENAME TO delivery_pairs;
CREATE INDEX delivery_pairs_key ON delivery_pairs (delivery_key);
CREATE INDEX delivery_pairs_user ON delivery_pairs (user_id);
CREATE TABLE skips_0008 (
  reminder_id TEXT NOT NULL, user_id TEXT NOT NULL, round TEXT NOT NULL DEFAULT '', type TEXT, reason TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (reminder_id, user_id, round));
INSERT INTO skips_0008 (reminder_id, user_id, round, type, reason, at) SELECT reminder_id, user_id, '', type, reason, at FROM skips;
DROP TABLE skips;
ALTER TABLE skips_0008 RENAME TO skips;
CREATE INDEX skips_at ON skips (at);
CREATE TABLE reminder_inputs (
  reminder_id TEXT PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, due TEXT, first_seen_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
CREATE TABLE reminder_people (
  reminder_id TEXT NOT NULL, user_id TEXT NOT NULL, first_seen_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
  answered_at INTEGER, answered_after_round TEXT, PRIMARY KEY (reminder_id, user_id));
CREATE INDEX reminder_people_user ON reminder_people (user_id);
`,
};
