import { dayStatus, addDays, type CalendarSettings, type HolidayTable } from '../../calendar/calendar.js';
import type { DirectChat } from '../../chatwork/types.js';
import type { Config, HiManagerUser } from '../../domain.js';
import { escalationTargets, planEscalations } from '../../delivery/escalation.js';
import type { HoldContext } from '../../delivery/holds.js';
import type { Delivery, Skip } from '../../delivery/plan.js';
import type { Reminder } from '../../delivery/reminders.js';
import type { MessageLang } from '../../delivery/templates.js';
import { leaveStatus } from '../../leave/leave.js';
import { scheduledRounds } from '../../delivery/rounds.js';
import type { Store } from '../../store/store.js';

export interface EscalateContext {
  store: Store;
  settings: Pick<Config, 'escalate' | 'followUps'>;
  users: Map<string, HiManagerUser>;
  chats: Map<number, DirectChat>;
  holds: HoldContext;
  calendar: CalendarSettings;
  holidays: HolidayTable;
  unsettled: Set<string>;
  lang: MessageLang;
}

/**
 * The day managers hear of a reminder: the day of its last follow-up round (`reminders schedule`;
 * the run that sends that round sends the escalation after it), else its due day, moved to the
 * business day before when the office is closed that day, as a round is. No due date: none.
 */
export function escalationDay(reminder: Reminder, calendar: CalendarSettings, holidays: HolidayTable, followUps?: Config['followUps']): string | undefined {
  if (!reminder.due) return undefined;
  const schedule = followUps?.[reminder.type];
  const last = schedule?.daysBefore.length ? scheduledRounds(reminder.due, schedule, calendar, holidays).at(-1) : undefined;
  if (last) return last.date;
  let day = reminder.due;
  for (let guard = 0; guard < 30 && !dayStatus(day, calendar, holidays).business; guard++) day = addDays(day, -1);
  return day;
}

/** Managers' escalations due this run (only types turned on with `reminders escalate`), planned once per (reminder, manager). */
export async function escalations(reminders: Reminder[], ctx: EscalateContext): Promise<{ deliveries: Delivery[]; skips: Skip[] }> {
  const enabled = ctx.settings.escalate ?? {};
  if (!Object.values(enabled).some(Boolean)) return { deliveries: [], skips: [] };
  const onLeave = (userId: string) => leaveStatus(ctx.holds.leave.get(userId), ctx.holds.today).onLeave;
  const escalationDayOf = (reminder: Reminder) => escalationDay(reminder, ctx.calendar, ctx.holidays, ctx.settings.followUps);
  const targets = escalationTargets(reminders, { enabled, today: ctx.holds.today, escalationDay: escalationDayOf, users: ctx.users, onLeave });
  if (!targets.size) return { deliveries: [], skips: [] };
  const managerIds = [...new Set([...targets.values()].flatMap((byManager) => [...byManager.keys()]))];
  const [managers, links] = await Promise.all([ctx.store.users.byIds(managerIds), ctx.store.links.byUserIds(managerIds)]);
  return planEscalations(targets, {
    enabled, today: ctx.holds.today, escalationDay: escalationDayOf, users: new Map([...ctx.users, ...managers]), links, chats: ctx.chats, onLeave,
    entryOf: (key) => ctx.store.deliveries.entry(key), unsettled: ctx.unsettled, lang: ctx.lang,
  });
}
