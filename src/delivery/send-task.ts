import type { Task } from '../chatwork/types.js';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, LockedError } from '../errors/index.js';
import { hashBody } from './body-hash.js';
import type { Delivery } from './plan.js';
import { AMBIGUOUS_ATTEMPTS, type Outcome, type SendOptions } from './send-outcome.js';
import { isTooLong, refuseTooLong } from './too-long.js';

/**
 * A task delivery, with the same guarantees as a message: the intent is durable before the
 * POST, and a task that may exist already (in flight after a crash, or an unknown outcome) is
 * looked for among the room's tasks (assigned by this account, same body, these assignees, not
 * another delivery's) before anything is created again.
 */
export async function sendTask(delivery: Delivery, options: SendOptions): Promise<Outcome> {
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
  if (isTooLong(delivery)) return refuseTooLong(delivery, options);
  for (let attempt = 1; attempt <= AMBIGUOUS_ATTEMPTS; attempt++) {
    await ledger.intent({
      key: delivery.key, roomId: delivery.roomId, pairs: delivery.pairs, bodyHash: delivery.bodyHash, type: delivery.type, at: clock.now(),
      kind: 'task', taskLimit: delivery.taskLimit, ...(options.generation !== undefined ? { generation: options.generation } : {}),
    });
    try {
      const taskIds = await api.postTask(delivery.roomId, delivery.body, assignees, delivery.taskLimit);
      await ledger.sentTasks(delivery.key, taskIds, 'posted', clock.now());
      return { kind: 'delivered', delivery, messageId: taskIds.join(','), how: 'posted' };
    } catch (error) {
      if (error instanceof AuthError || error instanceof LockedError) throw error;
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
export async function findTasks(options: SendOptions, roomId: number, bodyHash: string, assignees: number[]): Promise<string[] | undefined | 'unknown'> {
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
