import type { ChatworkApi } from '../chatwork/client.js';
import type { Message, Task } from '../chatwork/types.js';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, type Message as CatalogMessage } from '../errors.js';
import type { Clock } from '../io/clock.js';
import type { DeliveryEntry, DeliveryLedger } from '../store/store.js';
import { hashBody } from './body-hash.js';
import type { Delivery } from './plan.js';

export type Outcome =
  /** messageId: the message's id, or a task delivery's task ids joined by commas. */
  | { kind: 'delivered'; delivery: Delivery; messageId: string; how: 'posted' | 'reconciled' }
  | { kind: 'failed'; delivery: Delivery; reason: string; message?: CatalogMessage }
  | { kind: 'pending'; delivery: Delivery; reason: 'stopped' | 'window-closed' };

export interface SendOptions {
  api: ChatworkApi;
  ledger: DeliveryLedger;
  clock: Clock;
  ownAccountId: number;
  concurrency?: number;
  onOutcome?(outcome: Outcome): void;
  /** Checked before each delivery: Ctrl-C stops cleanly, the rest left pending. */
  shouldStop?(): boolean;
  /** Checked before each delivery: true holds it back (its send window has closed). */
  hold?(delivery: Delivery): boolean;
  log?(line: string): void;
}

const AMBIGUOUS_ATTEMPTS = 3;
/** Server and client clocks differ; a reconciliation looks this far before the intent. */
const RECONCILE_SLACK_S = 120;

/**
 * Delivers each planned message effectively once. The intent is durable before the
 * POST; the outcome is written after. Whatever may already have been posted (in
 * flight after a crash, or ambiguous now) is looked for in the room before it is
 * posted again.
 */
export async function sendAll(deliveries: Delivery[], options: SendOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  let fatal: unknown;
  const worker = async () => {
    for (;;) {
      if (fatal) return;
      const index = next++;
      if (index >= deliveries.length) return;
      const delivery = deliveries[index]!;
      let outcome: Outcome;
      if (options.shouldStop?.()) {
        outcome = { kind: 'pending', delivery, reason: 'stopped' };
      } else if (options.hold?.(delivery)) {
        outcome = { kind: 'pending', delivery, reason: 'window-closed' };
      } else {
        try {
          outcome = await sendOne(delivery, options);
        } catch (error) {
          fatal ??= error;
          return;
        }
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  if (fatal) throw fatal;
  return outcomes;
}

async function sendOne(delivery: Delivery, options: SendOptions): Promise<Outcome> {
  if (delivery.kind === 'task') return sendTask(delivery, options);
  const { api, ledger, clock } = options;
  const previous = await ledger.entry(delivery.key);
  if (previous?.status === 'in-flight') {
    const found = await findPosted(options, previous.roomId, previous.bodyHash, previous.intentAt);
    if (found === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room to reconcile', message: { key: 'send.fail.unreadable' } };
    if (found) {
      await ledger.sent(delivery.key, found.message_id, 'reconciled', clock.now());
      return { kind: 'delivered', delivery, messageId: found.message_id, how: 'reconciled' };
    }
  }
  for (let attempt = 1; attempt <= AMBIGUOUS_ATTEMPTS; attempt++) {
    const intentAt = clock.now();
    await ledger.intent({ key: delivery.key, roomId: delivery.roomId, pairs: delivery.pairs, bodyHash: delivery.bodyHash, type: delivery.type, at: intentAt });
    try {
      const { message_id } = await api.postMessage(delivery.roomId, delivery.body);
      await ledger.sent(delivery.key, message_id, 'posted', clock.now());
      return { kind: 'delivered', delivery, messageId: message_id, how: 'posted' };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      // Stopped before the POST left: the intent stays in flight, so the next run looks in the room first.
      if (error instanceof InterruptedError) return { kind: 'pending', delivery, reason: 'stopped' };
      if (error instanceof AmbiguousRequestError) {
        options.log?.(`ambiguous post to room ${delivery.roomId}; reconciling`);
        await clock.sleep(1000 * attempt);
        const found = await findPosted(options, delivery.roomId, delivery.bodyHash, intentAt);
        if (found === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room to reconcile', message: { key: 'send.fail.unreadable' } };
        if (found) {
          await ledger.sent(delivery.key, found.message_id, 'reconciled', clock.now());
          return { kind: 'delivered', delivery, messageId: found.message_id, how: 'reconciled' };
        }
        continue; // not there: it was never stored, so posting again cannot double it
      }
      const reason = error instanceof ApiError ? `HTTP ${error.status}: ${error.apiMessages.join('; ') || '-'}`
        : error instanceof CliError ? error.message : String(error);
      await ledger.failed(delivery.key, reason, clock.now());
      // The ledger and --json keep the reason as it was; people read it from the catalog.
      return { kind: 'failed', delivery, reason, message: error instanceof CliError ? { key: error.key, params: error.params } : undefined };
    }
  }
  // Still unconfirmed: left in flight, so the next run reconciles it rather than posting blindly.
  return { kind: 'failed', delivery, reason: 'ambiguous: no answer and not found in the room', message: { key: 'send.fail.unconfirmed' } };
}

async function findPosted(options: SendOptions, roomId: number, bodyHash: string, sinceMs: number): Promise<Message | undefined | 'unknown'> {
  let messages: Message[];
  try {
    messages = await options.api.messages(roomId);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    return 'unknown';
  }
  const since = sinceMs / 1000 - RECONCILE_SLACK_S;
  for (const message of messages) {
    if (message.account.account_id !== options.ownAccountId || message.send_time < since || hashBody(message.body) !== bodyHash) continue;
    // A message another delivery already claimed is not this one's, even with the same body.
    if (!await options.ledger.isClaimed(message.message_id)) return message;
  }
  return undefined;
}

export type { DeliveryEntry };

/**
 * A task delivery, with the same guarantees as a message: the intent is durable before the
 * POST, and a task that may exist already (in flight after a crash, or an unknown outcome) is
 * looked for among the room's tasks (assigned by this account, same body, these assignees, not
 * another delivery's) before anything is created again.
 */
async function sendTask(delivery: Delivery, options: SendOptions): Promise<Outcome> {
  const { api, ledger, clock } = options;
  const assignees = delivery.recipients.map((r) => r.accountId).filter((id) => id > 0);
  if (!assignees.length) {
    const reason = 'no linked assignee for the task';
    await ledger.failed(delivery.key, reason, clock.now());
    return { kind: 'failed', delivery, reason };
  }
  const found = async (): Promise<Outcome | 'unknown' | undefined> => {
    const tasks = await findTasks(options, delivery.roomId, delivery.bodyHash, assignees);
    if (tasks === 'unknown' || tasks === undefined) return tasks;
    await ledger.sentTasks(delivery.key, tasks, 'reconciled', clock.now());
    return { kind: 'delivered', delivery, messageId: tasks.join(','), how: 'reconciled' };
  };
  const previous = await ledger.entry(delivery.key);
  if (previous?.status === 'in-flight') {
    const result = await found();
    if (result === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room\'s tasks to reconcile' };
    if (result) return result;
  }
  for (let attempt = 1; attempt <= AMBIGUOUS_ATTEMPTS; attempt++) {
    await ledger.intent({
      key: delivery.key, roomId: delivery.roomId, pairs: delivery.pairs, bodyHash: delivery.bodyHash, type: delivery.type, at: clock.now(),
      kind: 'task', ...(delivery.taskLimit !== undefined ? { taskLimit: delivery.taskLimit } : {}),
    });
    try {
      const taskIds = await api.postTask(delivery.roomId, delivery.body, assignees, delivery.taskLimit);
      await ledger.sentTasks(delivery.key, taskIds, 'posted', clock.now());
      return { kind: 'delivered', delivery, messageId: taskIds.join(','), how: 'posted' };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      if (error instanceof InterruptedError) return { kind: 'pending', delivery, reason: 'stopped' };
      if (error instanceof AmbiguousRequestError) {
        options.log?.(`ambiguous task post to room ${delivery.roomId}; reconciling`);
        await clock.sleep(1000 * attempt);
        const result = await found();
        if (result === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room\'s tasks to reconcile' };
        if (result) return result;
        continue;
      }
      const reason = error instanceof ApiError ? `HTTP ${error.status}: ${error.apiMessages.join('; ') || '-'}`
        : error instanceof CliError ? error.message : String(error);
      await ledger.failed(delivery.key, reason, clock.now());
      return { kind: 'failed', delivery, reason };
    }
  }
  return { kind: 'failed', delivery, reason: 'ambiguous: no answer and no such task in the room' };
}

/**
 * The task ids of one earlier POST: every assignee's task with this body, assigned by us, not
 * claimed by another delivery. Chatwork lists at most 100 tasks per query, so each assignee
 * is asked for separately (tasks carry no creation time; the claim check keeps two equal
 * reminders apart).
 */
async function findTasks(options: SendOptions, roomId: number, bodyHash: string, assignees: number[]): Promise<string[] | undefined | 'unknown'> {
  const ids: string[] = [];
  for (const account of assignees) {
    let tasks: Task[];
    try {
      tasks = await options.api.tasks(roomId, { account, assignedBy: options.ownAccountId });
    } catch (error) {
      if (error instanceof AuthError) throw error;
      return 'unknown';
    }
    for (const task of tasks.toReversed()) {
      if (task.account.account_id !== account || task.assigned_by_account.account_id !== options.ownAccountId || hashBody(task.body) !== bodyHash) continue;
      if (ids.includes(String(task.task_id)) || await options.ledger.isTaskClaimed(String(task.task_id))) continue;
      ids.push(String(task.task_id));
      break;
    }
  }
  // One POST makes every assignee's task at once: all found, or it was never stored.
  if (ids.length === assignees.length) return ids;
  if (ids.length === 0) return undefined;
  return 'unknown';
}
