import { addDays, calendarOf, localTime } from '../../calendar/calendar.js';
import type { Deps } from '../../deps/deps.js';
import type { Translate } from '../../i18n/translate.js';
import { leaveStatus, type LeaveStatus } from '../../leave/leave.js';
import type { LeavePeriod } from '../../store/store.js';

export type OnLeave = Extract<LeaveStatus, { onLeave: true }>;

/**
 * Who is on leave today (the calendar's date), as send-reminders judges it (leaveStatus over
 * `users leave` and the directory's periods). Few people are on leave at a time: read whole.
 */
export async function onLeaveToday(deps: Deps): Promise<Map<string, OnLeave>> {
  const store = await deps.stores.state();
  const [periods, config] = await Promise.all([store.leave.all(), store.config.get()]);
  const today = localTime(deps.clock.now(), calendarOf(config).timeZone).date;
  const byUser = new Map<string, LeavePeriod[]>();
  for (const period of periods) byUser.set(period.userId, [...(byUser.get(period.userId) ?? []), period]);
  const out = new Map<string, OnLeave>();
  for (const [userId, list] of byUser) {
    const status = leaveStatus(list, today);
    if (status.onLeave) out.set(userId, status);
  }
  return out;
}

/** 「休職中（〜2027-03-31、育休）」: the last day of leave (the day before they are back), and the reason when one was given. */
export function leaveLabel(t: Translate, status: OnLeave): string {
  const reason = status.reason;
  if (status.back === undefined) return reason ? t('pages.links.leaveOpen', { reason }) : t('pages.links.leaveOpenNoReason');
  const until = addDays(status.back, -1);
  return reason ? t('pages.links.leave', { until, reason }) : t('pages.links.leaveNoReason', { until });
}
