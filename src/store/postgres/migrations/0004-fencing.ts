import type { Migration } from '../../sql/database.js';

/**
 * Fencing: one row whose generation only grows (every take-over of the run lock raises it; it
 * is never reset, not by a restore either), and checked_at, the store-clock time of the
 * holder's latest check before a Chatwork write (NULL once it released cleanly): a successor
 * waits out the POST timeout from then. Each intent keeps the generation that wrote it and
 * its store-clock time.
 */
export const migration: Migration = {
  version: 4,
  name: 'fencing',
  sql: `
CREATE TABLE fencing (id INTEGER PRIMARY KEY CHECK (id = 1), generation BIGINT NOT NULL, checked_at BIGINT);
INSERT INTO fencing (id, generation, checked_at) VALUES (1, 0, NULL);
ALTER TABLE deliveries ADD COLUMN generation BIGINT;
ALTER TABLE deliveries ADD COLUMN intent_store_at BIGINT;
`,
};
