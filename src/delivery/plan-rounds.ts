import type { CalendarSettings, HolidayTable } from '../calendar/calendar.js';
import type { FollowUpSetting, NotificationType } from '../domain.js';
import { FIRST_ROUND, pairKey, type DeliveryLedger, type Pair, type Round } from '../store/store.js';
import type { Skip } from './plan.js';
import type { Reminder } from './reminders.js';
import { roundDue, type RoundAnswer } from './rounds.js';

/** What round planning needs besides the ledger: the schedules, the calendar, and the time it plans for. */
export interface RoundsContext {
  followUps?: Partial<Record<NotificationType, FollowUpSetting>>;
  calendar: CalendarSettings;
  holidays: HolidayTable;
  now: number;
  /** Told, per person without a round now, why and what comes next (the dry run shows it). */
  onWaiting?: (reminder: Reminder, userId: string, answer: Exclude<RoundAnswer, { round: Round }>) => void;
}

/**
 * Splits each reminder with a follow-up schedule by the round each of its people is due now
 * (rounds.ts): one reminder per round, planned like any other under that round's keys. The
 * input lists only those still pending, so someone who answered is in none. A person with no
 * round now is a harmless skip ('already-sent'). A reminder without a schedule is left as it is:
 * its first message, once.
 */
export async function inRounds(reminders: Reminder[], context: RoundsContext, ledger: DeliveryLedger): Promise<{ reminders: Reminder[]; skips: Skip[] }> {
  const scheduled = reminders.filter((r) => context.followUps?.[r.type] && r.type !== 'praise');
  if (!scheduled.length) return { reminders, skips: [] };
  const history = await ledger.roundsOf(scheduled.flatMap((r) => r.to.map((userId): Pair => [r.id, userId])));
  const out: Reminder[] = [];
  const skips: Skip[] = [];
  for (const reminder of reminders) {
    const schedule = context.followUps?.[reminder.type];
    if (!schedule || reminder.type === 'praise') { out.push(reminder); continue; }
    const byRound = new Map<Round, string[]>();
    for (const userId of reminder.to) {
      const answer = roundDue({
        ...(reminder.due ? { due: reminder.due } : {}), schedule, calendar: context.calendar, holidays: context.holidays, now: context.now,
        history: history.get(pairKey(reminder.id, userId)) ?? [],
      });
      if (answer.round === undefined) {
        skips.push({ reminderId: reminder.id, recipient: userId, reason: 'already-sent' });
        context.onWaiting?.(reminder, userId, answer);
        continue;
      }
      // Pushed, never copied: one reminder may list 50,000 people.
      const people = byRound.get(answer.round);
      if (people) people.push(userId);
      else byRound.set(answer.round, [userId]);
    }
    // The people the directory does not know are reported once, with the first round planned.
    const rounds = [...byRound.entries()].sort(([a], [b]) => (a === FIRST_ROUND ? -1 : b === FIRST_ROUND ? 1 : 0));
    if (!rounds.length) out.push({ ...reminder, to: [] });
    rounds.forEach(([round, to], index) => out.push({ ...reminder, to, ...(round ? { round } : {}), ...(index > 0 ? { unknownRecipients: [] } : {}) }));
  }
  return { reminders: out, skips };
}
