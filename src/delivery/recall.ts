import type { ChatworkApi } from '../chatwork/client/index.js';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, LockedError } from '../errors/index.js';
import type { Clock } from '../io/clock.js';
import type { DeliveryEntry, DeliveryLedger } from '../store/store.js';

/** What recall does with one delivery of the reminder. */
type RecallAction =
  | 'delete' // a message: DELETE it
  | 'close' // a task: the API cannot delete one, so it is marked done
  | 'cancel' // deferred or failed, never posted: withdrawn, so it never goes out
  | 'already' // recalled before
  | 'skip'; // cannot: shared with people not asked for, or its sending was interrupted

type SkipWhy = 'shared' | 'in-flight' | 'digest';

export interface RecallItem {
  entry: DeliveryEntry;
  /** The pairs of this reminder the delivery covers (user ids). */
  users: string[];
  action: RecallAction;
  why?: SkipWhy;
  /** For 'shared': the users it also reaches. */
  others?: string[];
}

export type RecallOutcome = 'recalled' | 'gone' | 'closed' | 'cancelled' | 'failed' | 'pending';

export interface RecallResult { item: RecallItem; outcome: RecallOutcome; reason?: string }

/**
 * Decides, from the ledger alone, what recalling these deliveries means. With `users`, a
 * delivery that also reaches someone else (one message mentioning several people in a group
 * chat) cannot be recalled for only some of them: it is left, and says so.
 */
export function planRecall(entries: DeliveryEntry[], reminderId: string, users?: Set<string>): RecallItem[] {
  const items: RecallItem[] = [];
  for (const entry of entries) {
    const all = entry.pairs.filter(([reminder]) => reminder === reminderId).map(([, user]) => user);
    const wanted = users ? all.filter((u) => users.has(u)) : all;
    if (!wanted.length) continue;
    const item: RecallItem = { entry, users: wanted, action: 'delete' };
    const state = entry.recall?.state;
    if (state === 'recalled' || state === 'closed' || state === 'cancelled') item.action = 'already';
    else if (state === 'in-flight' || state === 'failed') item.action = entry.kind === 'task' ? 'close' : entry.messageId ? 'delete' : 'cancel';
    else if (wanted.length < all.length) Object.assign(item, { action: 'skip', why: 'shared', others: all.filter((u) => !wanted.includes(u)) });
    // A digest also lists other reminders: deleting it would take those away too.
    else if (entry.pairs.some(([reminder]) => reminder !== reminderId)) Object.assign(item, { action: 'skip', why: 'digest' });
    else if (entry.status === 'in-flight') Object.assign(item, { action: 'skip', why: 'in-flight' });
    else if (entry.status === 'deferred' || entry.status === 'failed') item.action = 'cancel';
    else item.action = entry.kind === 'task' ? 'close' : 'delete';
    // A recall interrupted on a shared delivery still finishes: it was asked for everyone then.
    items.push(item);
  }
  return items;
}

export interface RecallOptions {
  api: ChatworkApi;
  ledger: DeliveryLedger;
  clock: Clock;
  shouldStop(): boolean;
  /** The run lock's generation: a recall intent is refused once another run holds the lock. */
  generation?: number;
  onResult?(result: RecallResult): void;
  log?(line: string): void;
}

/**
 * One at a time, paced as posts in each room by the client's limiter. Each recall is an
 * intent committed durably before its DELETE leaves, then an outcome; a recall found in flight
 * (a crash) first asks Chatwork whether the message is still there, so a message is never
 * deleted twice. Marking a task done is idempotent and is simply done again.
 */
export async function recallAll(items: RecallItem[], options: RecallOptions): Promise<RecallResult[]> {
  const results: RecallResult[] = [];
  for (const item of items) {
    if (item.action === 'already' || item.action === 'skip') continue;
    const result: RecallResult = options.shouldStop() ? { item, outcome: 'pending' } : await recallOne(item, options);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

async function recallOne(item: RecallItem, options: RecallOptions): Promise<RecallResult> {
  const { api, ledger, clock } = options;
  const { entry } = item;
  if (item.action === 'cancel') {
    await ledger.recallOutcome(entry.key, 'cancelled', clock.now(), 'withdrawn before it was sent');
    return { item, outcome: 'cancelled' };
  }
  const interrupted = entry.recall?.state === 'in-flight';
  await ledger.recallIntent(entry.key, clock.now(), options.generation);
  try {
    if (item.action === 'close') {
      for (const taskId of entry.taskIds ?? []) await api.setTaskStatus(entry.roomId, taskId, 'done');
      const reason = 'task marked done: the API cannot delete tasks';
      await ledger.recallOutcome(entry.key, 'closed', clock.now(), reason);
      return { item, outcome: 'closed' };
    }
    const messageId = entry.messageId!;
    if (interrupted && await api.message(entry.roomId, messageId) === undefined) {
      // Deleted by the run that crashed: the DELETE is not sent again.
      await ledger.recallOutcome(entry.key, 'recalled', clock.now(), 'deleted (confirmed after an interruption)');
      return { item, outcome: 'recalled' };
    }
    const answer = await api.deleteMessage(entry.roomId, messageId);
    await ledger.recallOutcome(entry.key, 'recalled', clock.now(), answer === 'gone' ? 'already gone from Chatwork' : undefined);
    return { item, outcome: answer === 'gone' ? 'gone' : 'recalled' };
  } catch (error) {
    if (error instanceof AuthError || error instanceof LockedError) throw error;
    // Stopped, or an answer lost: the intent stays in flight, so the next recall looks first.
    if (error instanceof InterruptedError) return { item, outcome: 'pending' };
    if (error instanceof AmbiguousRequestError) {
      options.log?.(`ambiguous recall in room ${entry.roomId}; left for the next recall to confirm`);
      return { item, outcome: 'pending', reason: 'no answer from Chatwork' };
    }
    const reason = error instanceof ApiError ? `HTTP ${error.status}: ${error.apiMessages.join('; ') || '-'}`
      : error instanceof CliError ? error.message : String(error);
    await ledger.recallOutcome(entry.key, 'failed', clock.now(), reason);
    return { item, outcome: 'failed', reason };
  }
}
