import type { Migration } from '../../sql/database.js';

/**
 * The ledger's open deliveries, found without reading the history. 0001's partial index on
 * status (WHERE status IN ('in-flight', 'deferred')) is never chosen by SQLite for
 * `status = 'in-flight'` or `status = 'deferred'`: its planner does not prove that an equality
 * implies an IN list, so `inFlight()` and the deferred count in `stats()` (every send-reminders
 * and doctor) scanned every delivery, about 0.2 s each at five years of history for 5,000 people.
 * One partial index per status, on `at` (the order inFlight() reads them in), is chosen.
 */
export const migration: Migration = {
  version: 2,
  name: 'open-delivery-indexes',
  sql: `
CREATE INDEX deliveries_in_flight ON deliveries (at) WHERE status = 'in-flight';
CREATE INDEX deliveries_deferred ON deliveries (at) WHERE status = 'deferred';
`,
};
