import type { NotificationType } from '../../domain.js';
import type { Round } from './round-labels.js';

/**
 * Who a delivery is for: the pair (reminder id, HiManager user id) is delivered at most once per
 * round (round-labels.ts); no round is round '', the first message.
 */
export type Pair = [reminderId: string, userId: string, round?: Round];
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

/** `reason` is kept for a failed delivery: 'too-long' is final, never planned again. */
export interface PairState { key: string; status: DeliveryStatus; outbox: boolean; recalled?: boolean; reason?: string }

interface RunOutcome {
  delivered: number; failed: number; skipped: number; exitCode: number; startedAt: number;
  deferred?: number; inWindow?: boolean;
}

export interface IntentRecord {
  key: string; roomId: number; pairs: Pair[]; bodyHash: string; type: NotificationType; at: number;
  /** Absent: a message. */
  kind?: DeliveryKind; taskLimit?: number;
  /**
   * The run lock's generation (fencing token) of the writer: the write is refused (LockedError,
   * exit 5) in its own transaction when the store holds another one. Kept on the row.
   */
  generation?: number;
}

/**
 * The delivery ledger. An intent is committed durably before its POST leaves and the outcome
 * after it, so a crash leaves an intent without an outcome: in flight, to be reconciled
 * against the room before anything is sent again.
 */
export interface DeliveryLedger {
  entry(key: string): Promise<DeliveryEntry | undefined>;
  /** The state of each pair that has one (in its round), keyed by pairKey(); asked in batches. */
  pairStates(pairs: Pair[]): Promise<Map<string, PairState>>;
  /**
   * Every round each (reminder, person) has a delivery in, keyed by pairKey(reminderId, userId):
   * what follow-up planning needs (which rounds went, when the latest message left). In batches.
   */
  roundsOf(pairs: Pair[]): Promise<Map<string, PairRound[]>>;
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
  recallIntent(key: string, at: number, generation?: number): Promise<void>;
  recallOutcome(key: string, state: Exclude<RecallState, 'in-flight'>, at: number, reason?: string): Promise<void>;
  intent(record: IntentRecord): Promise<void>;
  sent(key: string, messageId: string, how: 'posted' | 'reconciled', at: number): Promise<void>;
  failed(key: string, reason: string, at: number): Promise<void>;
  /**
   * Closes a delivery left in flight that its room shows was never posted: a held one goes back
   * to the outbox (deferred), any other is failed with `reason`, so its pairs are plannable again.
   * Only that very intent (still in flight, same intent time), fenced like an intent: false when
   * it changed meanwhile.
   */
  abandon(entry: { key: string; intentAt: number }, reason: string, at: number, generation?: number): Promise<boolean>;
  /** A delivery that is not even tried (its body is too long): recorded as failed with `reason`, with no intent before it. */
  refused(record: IntentRecord, reason: string): Promise<void>;
  /** How many pairs failed for `reason`, and a few of them, newest first (doctor). */
  failedPairs(reason: string, sample: number): Promise<{ count: number; pairs: Pair[] }>;
  defer(record: IntentRecord & { body: string; until: number }): Promise<void>;
  /** The latest reason a pair was not planned; kept once per pair, for `history`. A withdrawal stays until the pair is sent. */
  skipped(skips: SkipRecord[]): Promise<void>;
  /**
   * Withdraws a held (deferred) delivery: its row and pairs go, and each pair gets its reason
   * (`withdrawn-…`) as the pair's history line, in one transaction. Not a recall: the pairs are
   * plannable again. False (nothing changed) when it is no longer deferred: a run took it.
   */
  withdraw(key: string, reasons: SkipRecord[]): Promise<boolean>;
  runFinished(outcome: RunOutcome, at: number): Promise<void>;
  /** The latest runs, newest last. */
  recentRuns(limit?: number): Promise<(RunOutcome & { at: number })[]>;
}

/** One round of a pair: its delivery's status, and when it was last written (sent: when it left). */
export interface PairRound { round: Round; key: string; status: DeliveryStatus; at: number; recalled?: boolean; outbox?: boolean }

export interface SkipRecord { reminderId: string; userId: string; type: NotificationType; reason: string; at: number; round?: Round }

/** A pair in a round: round '' (the first message) is left out, as pairs were before rounds. */
export const pairOf = (reminderId: string, userId: string, round: Round = ''): Pair => (round ? [reminderId, userId, round] : [reminderId, userId]);

/** Round '' keeps the key pairs had before rounds existed: old stores and dumps stay valid. */
export const pairKey = (reminderId: string, userId: string, round: Round = '') =>
  (round ? `${reminderId}\u001f${userId}\u001f${round}` : `${reminderId}\u001f${userId}`);
