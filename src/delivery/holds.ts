import { leaveStatus, stillValidOn } from '../leave/leave.js';
import type { LeavePeriod } from '../store/repos/leave.js';
import { pairKey } from '../store/store.js';
import type { Delivery, Skip } from './plan.js';
import type { Reminder } from './reminders.js';

/** Why a delivery waits in the ledger's outbox beyond the send window. */
export type HoldReason = 'leave' | 'send-at';

/** A part of a reminder that waits: `until` absent when its people are on leave with no end date yet. */
export interface Hold { reminder: Reminder; until?: number; why: HoldReason }

export interface HoldContext {
  now: number;
  /** The run's date in the calendar's time zone. */
  today: string;
  leave: Map<string, LeavePeriod[]>;
  /** The send window's first opening on or after this date: when someone back that day gets what waited. */
  openingOn(date: string): number;
}

/**
 * Splits the input before planning. People on leave today get nothing now: what is still valid
 * when they are back (praise, no due date, due on or after that day) waits for that day in the
 * outbox; the rest is skipped (`on-leave`). A record whose `send_at` is still ahead waits for
 * it whole. What waits is planned like anything else, then deferred instead of sent: the same
 * exactly-once path as a deferral to the send window.
 */
export function splitHolds(reminders: Reminder[], ctx: HoldContext): { now: Reminder[]; held: Hold[]; onLeave: Skip[] } {
  const now: Reminder[] = [];
  const held: Hold[] = [];
  const onLeave: Skip[] = [];
  for (const reminder of reminders) {
    const sendAt = reminder.sendAt !== undefined && reminder.sendAt > ctx.now ? reminder.sendAt : undefined;
    // The common case, nobody on leave and no send_at ahead: the reminder as it is.
    if (!ctx.leave.size && sendAt === undefined) { now.push(reminder); continue; }
    const stay: string[] = [];
    const away = new Map<number | undefined, string[]>();
    for (const userId of reminder.to) {
      const status = leaveStatus(ctx.leave.get(userId), ctx.today);
      if (!status.onLeave) { stay.push(userId); continue; }
      if (!stillValidOn(reminder, status.back)) { onLeave.push({ reminderId: reminder.id, recipient: userId, reason: 'on-leave' }); continue; }
      const until = status.back === undefined ? undefined : Math.max(ctx.openingOn(status.back), sendAt ?? 0);
      const group = away.get(until);
      if (group) group.push(userId);
      else away.set(until, [userId]);
    }
    const part = (to: string[], unknown = reminder.unknownRecipients): Reminder => ({ ...reminder, to, unknownRecipients: unknown });
    if (sendAt === undefined) now.push(stay.length === reminder.to.length ? reminder : part(stay));
    else {
      // Unknown recipients are reported now, whenever the rest goes.
      if (reminder.unknownRecipients.length) now.push(part([]));
      if (stay.length) held.push({ reminder: part(stay, []), until: sendAt, why: 'send-at' });
    }
    for (const [until, to] of away) held.push({ reminder: part(to, []), ...(until !== undefined ? { until } : {}), why: 'leave' });
  }
  return { now, held, onLeave };
}

/** The hold each planned delivery of `held` belongs to, by any of its pairs. */
export function holdOfDelivery(held: Hold[]): (delivery: Delivery) => Hold | undefined {
  const byPair = new Map<string, Hold>();
  for (const hold of held) for (const userId of hold.reminder.to) byPair.set(pairKey(hold.reminder.id, userId), hold);
  return (delivery) => (delivery.pairs[0] ? byPair.get(pairKey(delivery.pairs[0][0], delivery.pairs[0][1])) : undefined);
}
