import { leaveStatus, stillValidOn } from '../leave/leave.js';
import { MANAGER_ROUND, type DeliveryEntry } from '../store/store.js';
import type { Withdrawal, WithdrawCause } from './held.js';
import type { HoldContext, HoldReason } from './holds.js';
import { routeOf } from './outbox.js';

/** A held delivery that keeps waiting: `until` absent while its person's leave has no end date. */
export interface OutboxWait { entry: DeliveryEntry; until?: number; why?: HoldReason }

export interface OutboxHoldContext extends HoldContext {
  /** Held deliveries whose time is at or before this may go now: `now`, or with --now the next window opening. */
  releaseBy: number;
  /** What this run's input says of each reminder: who is still pending, and its due date (whether it outlives a leave). */
  reminders: Map<string, { type: string; due?: string; to: string[] }>;
}

/**
 * Before what the outbox held goes out: one whose time (send_at, a return from leave) has not
 * come waits on; one whose person is gone from an input that still lists its reminder
 * (answered) is withdrawn (`withdrawn-answered`); one for someone on leave today waits for their return while it is still valid
 * then, else it is withdrawn (`withdrawn-on-leave`). A group chat post that names someone on
 * leave is withdrawn for everyone in it, so that this very run plans the others again and holds
 * that person's part alone. Only a deferred entry is judged: one in flight may be out already.
 */
export function sortOutboxHolds(entries: DeliveryEntry[], ctx: OutboxHoldContext): { go: DeliveryEntry[]; wait: OutboxWait[]; withdraw: Withdrawal[] } {
  const go: DeliveryEntry[] = [];
  const wait: OutboxWait[] = [];
  const withdraw: Withdrawal[] = [];
  const pendingSets = new Map<string, Set<string> | undefined>();
  const pendingOf = (reminderId: string) => {
    if (!pendingSets.has(reminderId)) pendingSets.set(reminderId, ctx.reminders.has(reminderId) ? new Set(ctx.reminders.get(reminderId)!.to) : undefined);
    return pendingSets.get(reminderId);
  };
  for (const entry of entries) {
    if (entry.status !== 'deferred' || !entry.deferred) { go.push(entry); continue; }
    // Gone from an input that still lists the reminder: answered, nothing more to ask (a manager's list is not asked of them).
    const answered = entry.pairs.filter(([reminderId, userId, round]) => round !== MANAGER_ROUND && pendingOf(reminderId)?.has(userId) === false);
    if (answered.length) {
      const causes = new Map<string, WithdrawCause>(entry.pairs.map(([, userId]) => [userId, 'with-others']));
      for (const [, userId] of answered) causes.set(userId, 'answered');
      withdraw.push({ entry, causes });
      continue;
    }
    if (entry.deferred.until > ctx.releaseBy) { wait.push({ entry, until: entry.deferred.until }); continue; }
    const away = entry.pairs.map(([reminderId, userId]) => ({ reminderId, userId, status: leaveStatus(ctx.leave.get(userId), ctx.today) }))
      .filter((p) => p.status.onLeave);
    if (!away.length) { go.push(entry); continue; }
    const reminderOf = (id: string) => ctx.reminders.get(id) ?? { type: entry.deferred!.type, to: [] };
    const valid = away.every((p) => p.status.onLeave && stillValidOn(reminderOf(p.reminderId), p.status.back));
    if (valid && routeOf(entry) === 'dm') {
      const backs = away.map((p) => (p.status.onLeave ? p.status.back : undefined));
      const until = backs.includes(undefined) ? undefined : Math.max(...backs.map((b) => ctx.openingOn(b!)));
      wait.push({ entry, ...(until !== undefined ? { until } : {}), why: 'leave' });
      continue;
    }
    // Someone whose reminder is due before they are back loses it; the rest of a group post is planned again now.
    const causes = new Map<string, WithdrawCause>(entry.pairs.map(([, userId]) => [userId, 'with-others']));
    for (const p of away) if (p.status.onLeave && !stillValidOn(reminderOf(p.reminderId), p.status.back)) causes.set(p.userId, 'on-leave');
    withdraw.push({ entry, causes });
  }
  return { go, wait, withdraw };
}
