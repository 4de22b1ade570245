import { calendarOf, loadHolidays, localTime } from '../../calendar/calendar.js';
import { statsOf } from '../../commands/reminders/stats/facts.js';
import { NOTIFICATION_TYPES, type FollowUpSetting, type NotificationType } from '../../domain.js';
import type { ReminderStats } from '../../delivery/reminder-stats.js';
import { scheduledRounds, type ScheduledRound } from '../../delivery/rounds.js';
import type { ReminderInput, Store } from '../../store/store.js';

/** A reminder of the inputs whose type has follow-ups, with the rounds still to come and who they would go to. */
export interface ComingRounds { reminder: ReminderInput; pending: number; rounds: ScheduledRound[] }

export interface Campaign {
  /** `reminders stats` of every reminder the inputs showed. */
  stats: ReminderStats[];
  /** `reminders schedule`: each type with follow-ups (praise has none). */
  schedules: [NotificationType, FollowUpSetting][];
  coming: ComingRounds[];
}

/**
 * What 配信状況 shows of the campaigns: the figures of `reminders stats` (the command's own
 * gathering), the schedules, and per reminder not yet past due the follow-up rounds after `now`,
 * on the days send-reminders would send them (scheduledRounds: closed days moved back, one a day).
 */
export async function campaignOf(store: Store, now: number): Promise<Campaign> {
  const config = await store.config.get();
  const followUps = config.followUps ?? {};
  const schedules = NOTIFICATION_TYPES.flatMap((type): [NotificationType, FollowUpSetting][] => {
    const schedule = followUps[type];
    return schedule && type !== 'praise' ? [[type, schedule]] : [];
  });
  const calendar = calendarOf(config);
  const today = localTime(now, calendar.timeZone).date;
  const holidays = schedules.length ? await loadHolidays() : {};
  const coming: ComingRounds[] = [];
  for (const reminder of schedules.length ? await store.reminders.list() : []) {
    const schedule = followUps[reminder.type];
    if (!schedule || reminder.type === 'praise' || !reminder.due || reminder.due < today) continue;
    const rounds = scheduledRounds(reminder.due, schedule, calendar, holidays).filter((r) => r.at > now);
    coming.push({ reminder, pending: (await store.reminders.pending(reminder.reminderId)).length, rounds });
  }
  coming.sort((a, b) => (a.reminder.due! < b.reminder.due! ? -1 : a.reminder.due! > b.reminder.due! ? 1 : a.reminder.reminderId < b.reminder.reminderId ? -1 : 1));
  return { stats: await statsOf(store), schedules, coming };
}
