import type { Migration } from '../../sql/database.js';

/**
 * Follow-up rounds (issue 27), as SQLite's 0008. A pair is delivered once per round: '' (the
 * first message, as every row before had), `d<N>` (N calendar days before due), `manager` (the
 * escalation). PostgreSQL changes the primary keys in place; every row is kept with round ''.
 *
 * The inputs over time: each reminder id seen, and each person it listed. A person listed
 * before and absent from a later input that still lists the reminder has answered.
 */
export const migration: Migration = {
  version: 8,
  name: 'rounds',
  sql: `
ALTER TABLE delivery_pairs ADD COLUMN round TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE delivery_pairs DROP CONSTRAINT delivery_pairs_pkey;
ALTER TABLE delivery_pairs ADD PRIMARY KEY (reminder_id, user_id, round);
ALTER TABLE skips ADD COLUMN round TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE skips DROP CONSTRAINT skips_pkey;
ALTER TABLE skips ADD PRIMARY KEY (reminder_id, user_id, round);
CREATE TABLE reminder_inputs (
  reminder_id TEXT COLLATE "C" PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, due TEXT, first_seen_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL);
CREATE TABLE reminder_people (
  reminder_id TEXT COLLATE "C" NOT NULL, user_id TEXT COLLATE "C" NOT NULL, first_seen_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
  answered_at BIGINT, answered_after_round TEXT, PRIMARY KEY (reminder_id, user_id));
CREATE INDEX reminder_people_user ON reminder_people (user_id);
`,
};
