import { calendarOf, localTime, parseClock } from '../../calendar/calendar.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { ok, warn, type Check, type Finding } from './finding.js';

/** Chatwork's documented budget: 300 requests per 5 minutes. */
const BUDGET = { limit: 300, windowMs: 300_000 };

/** How many posts one send window takes at the documented rate: whole rate windows inside it, each `limit` posts. */
export function windowCapacity(windowMinutes: number, budget = BUDGET): number {
  return Math.floor((windowMinutes * 60_000) / budget.windowMs) * budget.limit;
}

/**
 * Follow-up schedules against the send window and the rate limit: a round goes at the window's
 * opening to everyone still pending, so the pending people of a type's open reminders must fit
 * one window (5,000 follow-ups in a one-hour window at 300 per 5 minutes do not: 3,600 do).
 */
export const ROUND_CHECKS: Check[] = [
  {
    id: 'follow-ups', area: 'delivery', async run(ctx) {
      const [settings, store] = await Promise.all([ctx.settings(), ctx.store()]);
      const schedules = Object.entries(settings.followUps ?? {}).filter(([, s]) => s !== undefined);
      if (!schedules.length) return ok('doctor.rounds.none');
      const calendar = calendarOf(settings);
      const minutes = parseClock(calendar.window.end)! - parseClock(calendar.window.start)!;
      const capacity = windowCapacity(Math.max(0, minutes));
      const today = localTime(ctx.deps.clock.now(), calendar.timeZone).date;
      const pending = new Map<string, number>();
      for (const reminder of await store.reminders.list()) {
        if (!settings.followUps?.[reminder.type] || (reminder.due !== undefined && reminder.due < today)) continue;
        pending.set(reminder.type, (pending.get(reminder.type) ?? 0) + (await store.reminders.pending(reminder.reminderId)).length);
      }
      const found: Finding[] = [];
      for (const type of NOTIFICATION_TYPES) {
        const count = pending.get(type) ?? 0;
        if (settings.followUps?.[type] && count > capacity) {
          found.push(warn('doctor.rounds.tooMany', { type, count, capacity, minutes }, 'doctor.fix.rounds'));
        }
      }
      return found.length ? found : ok('doctor.rounds.ok', { types: schedules.map(([type]) => type).join(', '), capacity });
    },
  },
];
