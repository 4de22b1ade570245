import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Link, NotificationType } from '../domain.js';
import { AmbiguousRequestError, ApiError, AuthError, LockedError } from '../errors/index.js';
import type { Clock } from '../io/clock.js';
import type { DeliveryEntry, DeliveryLedger, Pair, SkipRecord } from '../store/store.js';

/**
 * Stop when answered: a reminder delivered to a person as a Chatwork task is marked done when
 * they answer, so their タスク list is clean. Each close is tried once, when the answer is seen
 * (the input they dropped out of), and its outcome is a history line of the pair: closed,
 * refused by Chatwork (reported once, never retried), gone, or failed. A write like any other
 * of the run: through the fenced client.
 */
type CloseOutcome = 'task-closed' | 'task-close-refused' | 'task-close-gone' | 'task-close-failed';

export interface CloseResult { reminderId: string; userId: string; roomId: number; taskId: string; outcome: CloseOutcome; detail?: string }

export interface CloseContext {
  api: ChatworkApi;
  ledger: Pick<DeliveryLedger, 'entry' | 'roundsOf' | 'skipped'>;
  clock: Clock;
  ownAccountId: number;
  links: Map<string, Link>;
}

/** Closes the tasks of these people for these reminders; returns what happened to each task. */
export async function closeAnsweredTasks(close: { reminderId: string; userIds: string[] }[], ctx: CloseContext): Promise<CloseResult[]> {
  const results: CloseResult[] = [];
  const pairs: Pair[] = close.flatMap(({ reminderId, userIds }) => userIds.map((userId): Pair => [reminderId, userId]));
  if (!pairs.length) return results;
  const rounds = await ctx.ledger.roundsOf(pairs);
  const entries = new Map<string, DeliveryEntry | undefined>();
  const records: SkipRecord[] = [];
  for (const [reminderId, userId] of pairs) {
    for (const round of rounds.get(`${reminderId}\u001f${userId}`) ?? []) {
      if (round.status !== 'sent' || round.recalled) continue;
      if (!entries.has(round.key)) entries.set(round.key, await ctx.ledger.entry(round.key));
      const entry = entries.get(round.key);
      if (!entry || entry.kind !== 'task' || !entry.taskIds?.length) continue;
      for (const taskId of await tasksOf(entry, userId, ctx)) {
        const result = await closeOne(ctx.api, entry.roomId, taskId);
        results.push({ reminderId, userId, roomId: entry.roomId, taskId, ...result });
        records.push({ reminderId, userId, type: (entry.type ?? 'survey') as NotificationType, reason: result.outcome, at: ctx.clock.now(), ...(round.round ? { round: round.round } : {}) });
      }
    }
  }
  await ctx.ledger.skipped(records);
  return results;
}

/**
 * The person's own task of a delivery: all of its tasks when it had one assignee; in a group
 * task, the one the room lists as theirs (assigned by this account) among the delivery's ids.
 */
async function tasksOf(entry: DeliveryEntry, userId: string, ctx: CloseContext): Promise<string[]> {
  const people = new Set(entry.pairs.map(([, user]) => user));
  if (people.size <= 1) return entry.taskIds ?? [];
  const accountId = ctx.links.get(userId)?.accountId;
  if (!accountId) return [];
  try {
    const theirs = await ctx.api.tasks(entry.roomId, { account: accountId, assignedBy: ctx.ownAccountId });
    const ids = new Set(entry.taskIds);
    return theirs.map((task) => String(task.task_id)).filter((id) => ids.has(id));
  } catch (error) {
    if (error instanceof AuthError) throw error;
    return [];
  }
}

async function closeOne(api: ChatworkApi, roomId: number, taskId: string): Promise<{ outcome: CloseOutcome; detail?: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.setTaskStatus(roomId, taskId, 'done');
      return { outcome: 'task-closed' };
    } catch (error) {
      // A lost login or a lost lock stops the run, as for any write.
      if (error instanceof AuthError || error instanceof LockedError) throw error;
      // Marking done twice is harmless: an answer that never came is asked once more.
      if (error instanceof AmbiguousRequestError && attempt < 2) continue;
      if (error instanceof ApiError && error.status === 404) return { outcome: 'task-close-gone', detail: `HTTP 404` };
      if (error instanceof ApiError && (error.status === 403 || error.status === 400)) {
        return { outcome: 'task-close-refused', detail: `HTTP ${error.status}: ${error.apiMessages.join('; ') || '-'}` };
      }
      return { outcome: 'task-close-failed', detail: error instanceof ApiError ? `HTTP ${error.status}` : String(error) };
    }
  }
}
