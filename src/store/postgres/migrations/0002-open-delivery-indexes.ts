import type { Migration } from '../../sql/database.js';

/**
 * The same indexes as SQLite's 0002, so both backends keep one schema version. PostgreSQL
 * already used 0001's partial index on status for these queries; these add the order by `at`
 * that inFlight() reads in. Both hold only open deliveries, so they stay small.
 */
export const migration: Migration = {
  version: 2,
  name: 'open-delivery-indexes',
  sql: `
CREATE INDEX deliveries_in_flight ON deliveries (at) WHERE status = 'in-flight';
CREATE INDEX deliveries_deferred ON deliveries (at) WHERE status = 'deferred';
`,
};
