import type { DumpRecord } from './dump-format.js';
import type { DecisionsRepo } from './repos/decisions.js';
import type { ConfigRepo, DestinationsRepo, LinksRepo, UsersRepo } from './repos/settings.js';
import type { DeliveryLedger } from './repos/ledger.js';
import type { HistoryRepo } from './repos/history.js';
import type { LeaveRepo } from './repos/leave.js';
import type { LockRepo } from './repos/locks.js';
import type { MovedRepo } from './repos/moved.js';
import type { RunRecords } from './repos/runs.js';
import type { RemindersRepo } from './repos/reminders.js';
import type { AuditRepo } from './repos/audit.js';

// Each repository's interface and records live in repos/; every name is importable from here.
export type * from './repos/settings.js';
export type * from './repos/decisions.js';
export type * from './repos/ledger.js';
export type * from './repos/history.js';
export type * from './repos/locks.js';
export type * from './repos/moved.js';
export type * from './repos/runs.js';
export type * from './repos/leave.js';
export type * from './repos/reminders.js';
export { pairKey, pairOf } from './repos/ledger.js';
export { FIRST_ROUND, MANAGER_ROUND, daysBeforeOf, type Round } from './repos/round-labels.js';
export type * from './repos/audit.js';

/**
 * The one way to state. Every command goes through this interface and never knows which
 * backend it has: SQLite in the config dir (src/store/sqlite) or a shared PostgreSQL
 * (src/store/postgres). Each method is its own transaction unless it says otherwise.
 */
export interface Store {
  readonly info: StoreInfo;
  config: ConfigRepo;
  users: UsersRepo;
  links: LinksRepo;
  /** Rejected pairs and the link history. */
  decisions: DecisionsRepo;
  destinations: DestinationsRepo;
  deliveries: DeliveryLedger;
  /** The reminders' inputs over time: who is pending, who answered (repos/reminders.ts). */
  reminders: RemindersRepo;
  history: HistoryRepo;
  locks: LockRepo;
  /** Set when `state migrate` moved this store's state elsewhere (repos/moved.ts). */
  moved: MovedRepo;
  /** One row per finished run of a command that changes or sends. */
  runs: RunRecords;
  /** Who is on leave when (migration 0009). */
  leave: LeaveRepo;
  /** Who changed admin state, when, from the CLI or the console (written by the repositories themselves). */
  audit: AuditRepo;
  /** Only a shared backend keeps secrets (encrypted); a local install keeps them in the keychain or a file. */
  secrets?: EncryptedSecrets;
  stats(): Promise<StoreStats>;
  /** Writes and removes a row in one transaction: proof that the store takes writes now. */
  probeWrite(): Promise<void>;
  /** Every row as portable dump records (no secrets), streamed. */
  exportRecords(): AsyncIterable<DumpRecord>;
  /**
   * Writes dump records in ONE transaction: all of them, or (on any error) none. Monotone: a
   * delivery or pair the store has further along (sent, recalled, in flight) is kept.
   */
  restore(records: Iterable<DumpRecord> | AsyncIterable<DumpRecord>, options?: RestoreOptions): Promise<RestoreResult>;
  close(): Promise<void>;
}

export interface RestoreOptions {
  /** Write the dump's `account` setting: only for a copy of a store of this install (migrate, the previous version's files). */
  trustAccount?: boolean;
  /**
   * Empty the store's state first, in the same transaction (its moved marker, locks, fencing and
   * secrets stay): `state migrate` back into a store the state once moved out of, whose rows are
   * superseded. A merge would keep what was removed since (a link undone, a user gone).
   */
  replace?: boolean;
}

export interface RestoreResult {
  records: number;
  /** Rows the store had further along than the dump, left as they were. */
  kept: { deliveries: number; pairs: number };
  /** The dump's `account` setting was not written (see RestoreOptions). */
  accountSkipped: boolean;
}

export interface StoreInfo {
  backend: 'sqlite' | 'postgres';
  /** A path, or a URL without its password: safe to print. */
  location: string;
  schemaVersion: number;
}

export interface StoreStats {
  users: number; links: number; deliveries: number; deferred: number; inFlight: number; runs: number;
  /** Bytes on disk (SQLite file, or pg_database_size). */
  sizeBytes: number;
}

/** Secrets in the shared database, AES-256-GCM under a key that never enters it. */
export interface EncryptedSecrets {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Re-encrypts every secret under `newKey` (read from `variable`) and moves the key check to it, in one transaction; the count. */
  rekey(newKey: string, variable: string): Promise<number>;
}
