import type { DumpRecord } from './dump-format.js';
import type { Config, Destination, Destinations, HiManagerUser, Link, NotificationType } from '../domain.js';

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
  destinations: DestinationsRepo;
  deliveries: DeliveryLedger;
  history: HistoryRepo;
  locks: LockRepo;
  /** Only a shared backend keeps secrets (encrypted); a local install keeps them in the keychain or a file. */
  secrets?: EncryptedSecrets;
  stats(): Promise<StoreStats>;
  /** Writes and removes a row in one transaction: proof that the store takes writes now. */
  probeWrite(): Promise<void>;
  /** Every row as portable dump records (no secrets), streamed. */
  exportRecords(): AsyncIterable<DumpRecord>;
  /** Writes dump records in ONE transaction: all of them, or (on any error) none. */
  restore(records: Iterable<DumpRecord> | AsyncIterable<DumpRecord>): Promise<number>;
  close(): Promise<void>;
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

export interface ConfigRepo {
  get(): Promise<Config>;
  /** Read, change and write in one transaction: two admins at once never lose a change. */
  update(change: (config: Config) => void): Promise<Config>;
}

export interface UsersRepo {
  count(): Promise<number>;
  /** In directory order. */
  all(): Promise<HiManagerUser[]>;
  /** Rows for these ids (or e-mail addresses, lower-case), looked up in batches. */
  byIds(ids: string[]): Promise<Map<string, HiManagerUser>>;
  find(reference: string): Promise<HiManagerUser | undefined>;
  /** The users these references (ids or e-mail addresses) name, in batches; unknown ones are left out. */
  lookup(references: string[]): Promise<HiManagerUser[]>;
  /** Replaces the whole directory in one transaction; links are kept (a link may outlive its user). */
  replaceAll(users: HiManagerUser[]): Promise<UsersDiff>;
}

export interface UsersDiff { added: string[]; changed: string[]; removed: string[]; orphanedLinks: string[] }

export interface LinksRepo {
  count(): Promise<number>;
  all(): Promise<Map<string, Link>>;
  byUserIds(userIds: string[]): Promise<Map<string, Link>>;
  /**
   * Adds or changes links in one transaction. A link whose contact is already another user's
   * is refused (never two people on one contact); `onlyIfUnlinked` keeps existing links.
   */
  set(links: Map<string, Link>, options?: { onlyIfUnlinked?: boolean }): Promise<LinkChange>;
  remove(userIds: string[]): Promise<string[]>;
  /** The file is the whole mapping: adds and changes, and removes the rest only with `prune`. */
  replace(links: Map<string, Link>, options: { prune: boolean }): Promise<LinkChange>;
}

export interface LinkChange { added: string[]; changed: string[]; removed: string[]; refused: { userId: string; owner: string }[] }

export interface DestinationsRepo {
  all(): Promise<Destinations>;
  set(type: NotificationType, destination: Destination | undefined): Promise<void>;
}

/** Who a delivery is for: the pair (reminder id, HiManager user id) is delivered at most once, ever. */
export type Pair = [reminderId: string, userId: string];
export type DeliveryStatus = 'in-flight' | 'sent' | 'failed' | 'deferred';
/** A Chatwork message, or a Chatwork task (one per assignee, in the person's タスク list). */
export type DeliveryKind = 'message' | 'task';
/** Set once `recall` has touched a delivery; see migration 0003. */
export type RecallState = 'in-flight' | 'recalled' | 'closed' | 'cancelled' | 'failed';

export interface DeliveryEntry {
  key: string;
  roomId: number;
  pairs: Pair[];
  bodyHash: string;
  /** Epoch ms of the latest intent: a reconciliation looks for messages from then on. */
  intentAt: number;
  status: DeliveryStatus;
  messageId?: string;
  reason?: string;
  at: number;
  /** A deferred delivery keeps what to send, so it goes out even if the next input no longer lists it. */
  deferred?: { body: string; type: NotificationType; until: number };
  kind: DeliveryKind;
  /** A task delivery's task ids, once created. */
  taskIds?: string[];
  /** A task's deadline (Unix seconds). */
  taskLimit?: number;
  type?: NotificationType;
  recall?: { state: RecallState; at: number; reason?: string };
}

export interface PairState { key: string; status: DeliveryStatus; outbox: boolean; recalled?: boolean }

export interface RunOutcome {
  delivered: number; failed: number; skipped: number; exitCode: number; startedAt: number;
  deferred?: number; inWindow?: boolean;
}

export interface IntentRecord {
  key: string; roomId: number; pairs: Pair[]; bodyHash: string; type: NotificationType; at: number;
  /** Absent: a message. */
  kind?: DeliveryKind; taskLimit?: number;
}

/**
 * The delivery ledger. An intent is committed durably before its POST leaves and the outcome
 * after it, so a crash leaves an intent without an outcome: in flight, to be reconciled
 * against the room before anything is sent again.
 */
export interface DeliveryLedger {
  entry(key: string): Promise<DeliveryEntry | undefined>;
  /** The state of each pair that has one, keyed by pairKey(); asked in batches. */
  pairStates(pairs: Pair[]): Promise<Map<string, PairState>>;
  inFlight(): Promise<DeliveryEntry[]>;
  /** Deferred deliveries, and in-flight ones that were deferred before: they go out from here. */
  outbox(): Promise<DeliveryEntry[]>;
  isClaimed(messageId: string): Promise<boolean>;
  /** A task id some delivery already holds: reconciliation never takes it twice. */
  isTaskClaimed(taskId: string): Promise<boolean>;
  /** A task delivery was created (or found in the room): its task ids. */
  sentTasks(key: string, taskIds: string[], how: 'posted' | 'reconciled', at: number): Promise<void>;
  /** Every delivery that covers a pair of this reminder, by key. */
  byReminder(reminderId: string): Promise<DeliveryEntry[]>;
  /** Recall: the intent, durable before the DELETE (or PUT) leaves, then its outcome. */
  recallIntent(key: string, at: number): Promise<void>;
  recallOutcome(key: string, state: Exclude<RecallState, 'in-flight'>, at: number, reason?: string): Promise<void>;
  intent(record: IntentRecord): Promise<void>;
  sent(key: string, messageId: string, how: 'posted' | 'reconciled', at: number): Promise<void>;
  failed(key: string, reason: string, at: number): Promise<void>;
  defer(record: IntentRecord & { body: string; until: number }): Promise<void>;
  /** The latest reason a pair was not planned; kept once per pair, for `history`. */
  skipped(skips: SkipRecord[]): Promise<void>;
  runFinished(outcome: RunOutcome, at: number): Promise<void>;
  /** The latest runs, newest last. */
  recentRuns(limit?: number): Promise<(RunOutcome & { at: number })[]>;
}

export interface SkipRecord { reminderId: string; userId: string; type: NotificationType; reason: string; at: number }

export const pairKey = (reminderId: string, userId: string) => `${reminderId}\u001f${userId}`;

export type HistoryStatus = 'delivered' | 'failed' | 'skipped' | 'deferred' | 'in-flight' | 'recalled';

export interface HistoryQuery {
  userId?: string; reminderId?: string; type?: NotificationType;
  since?: number; until?: number; status?: HistoryStatus; limit?: number;
}

export interface HistoryRow {
  at: number; reminderId: string; type?: NotificationType; userId: string; userName?: string;
  roomId?: number; status: HistoryStatus; messageId?: string; reason?: string;
}

export interface HistoryRepo {
  /** Newest first. */
  query(query: HistoryQuery): AsyncIterable<HistoryRow>;
  /** Drops bodies and details of deliveries older than `before`; every (reminder, user) key stays. */
  prune(before: number, options: { dryRun: boolean }): Promise<{ deliveries: number }>;
}

export interface LockOwner { host: string; pid: number; since: number; heartbeat: number; processStart?: string }

export interface RunLock {
  release(): Promise<void>;
  /** Aborted when the lock is lost while held (a shared database dropped the holder's connection): stop sending. */
  readonly signal?: AbortSignal;
}

export interface LockRepo {
  /** Only one send-reminders per store, across hosts; the second gets a LockedError naming the holder. */
  acquireRun(): Promise<RunLock>;
  /** The current holder, and whether it is stale (its process gone, its heartbeat old). */
  runHolder(): Promise<{ owner: LockOwner; stale: boolean } | undefined>;
  /** Clears a stale run lock; refuses (LockedError) a live one. */
  breakRun(): Promise<boolean>;
  /** Serialises refresh-and-store of the rotating refresh token across every host of the store. */
  withTokenLock<T>(fn: () => Promise<T>): Promise<T>;
}

/** Secrets in the shared database, AES-256-GCM under a key that never enters it. */
export interface EncryptedSecrets {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}
