import type { Migration } from '../../sql/database.js';

/**
 * The same tables as SQLite's 0001; times are epoch milliseconds (BIGINT, read back as numbers).
 * Ids are COLLATE "C": they sort by bytes as in SQLite, whatever the database's locale.
 */
export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
  department TEXT, reading TEXT);
CREATE INDEX users_email ON users (email);
CREATE INDEX users_position ON users (position);
CREATE TABLE links (user_id TEXT COLLATE "C" PRIMARY KEY, account_id BIGINT NOT NULL, source TEXT NOT NULL, linked_at TEXT NOT NULL);
CREATE INDEX links_account ON links (account_id);
CREATE TABLE destinations (type TEXT PRIMARY KEY, destination TEXT NOT NULL);
CREATE TABLE deliveries (
  key TEXT COLLATE "C" PRIMARY KEY, reminder_id TEXT COLLATE "C" NOT NULL, type TEXT, room_id BIGINT NOT NULL, body_hash TEXT NOT NULL,
  intent_at BIGINT NOT NULL, status TEXT NOT NULL, message_id TEXT, how TEXT, reason TEXT, at BIGINT NOT NULL,
  body TEXT, defer_until BIGINT, outbox INTEGER NOT NULL DEFAULT 0);
CREATE INDEX deliveries_at ON deliveries (at);
CREATE INDEX deliveries_status ON deliveries (status) WHERE status IN ('in-flight', 'deferred');
CREATE INDEX deliveries_outbox ON deliveries (outbox) WHERE outbox = 1;
CREATE INDEX deliveries_message ON deliveries (message_id);
CREATE INDEX deliveries_reminder ON deliveries (reminder_id);
CREATE TABLE delivery_pairs (
  reminder_id TEXT COLLATE "C" NOT NULL, user_id TEXT COLLATE "C" NOT NULL, delivery_key TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (reminder_id, user_id));
CREATE INDEX delivery_pairs_key ON delivery_pairs (delivery_key);
CREATE INDEX delivery_pairs_user ON delivery_pairs (user_id);
CREATE TABLE skips (
  reminder_id TEXT COLLATE "C" NOT NULL, user_id TEXT COLLATE "C" NOT NULL, type TEXT, reason TEXT NOT NULL, at BIGINT NOT NULL,
  PRIMARY KEY (reminder_id, user_id));
CREATE INDEX skips_at ON skips (at);
CREATE TABLE runs (
  id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, started_at BIGINT NOT NULL, delivered INTEGER NOT NULL,
  failed INTEGER NOT NULL, skipped INTEGER NOT NULL, deferred INTEGER NOT NULL, exit_code INTEGER NOT NULL,
  in_window INTEGER);
CREATE TABLE run_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1), host TEXT NOT NULL, pid INTEGER NOT NULL, process_start TEXT,
  since BIGINT NOT NULL, heartbeat BIGINT NOT NULL);
CREATE TABLE secrets (name TEXT PRIMARY KEY, nonce TEXT NOT NULL, ciphertext TEXT NOT NULL, tag TEXT NOT NULL, updated_at BIGINT NOT NULL);
`,
};
