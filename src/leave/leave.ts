import { addDays } from '../calendar/calendar.js';
import type { LeavePeriod } from '../store/repos/leave.js';

/** Whether a period covers this date (YYYY-MM-DD, both ends inclusive; no end: from then on). */
const covers = (period: Pick<LeavePeriod, 'from' | 'until'>, date: string) => period.from <= date && (period.until === undefined || date <= period.until);

export type LeaveStatus = { onLeave: false } | { onLeave: true; back?: string; reason?: string };

/**
 * Whether a person is on leave on `date`, and the first day they are back: the day after the
 * period that covers it, or after the next one when two periods (a command's and the
 * directory's) touch or overlap. `back` absent: the end is not known (休職中 with no end date).
 */
export function leaveStatus(periods: readonly LeavePeriod[] | undefined, date: string): LeaveStatus {
  const covering = periods?.find((p) => covers(p, date));
  if (!covering) return { onLeave: false };
  let back = date;
  // Walk forward through every period that covers the day after the previous one's end.
  for (let guard = 0; guard < 100; guard++) {
    const here = periods!.filter((p) => covers(p, back));
    if (!here.length) break;
    if (here.some((p) => p.until === undefined)) return { onLeave: true, ...(covering.reason ? { reason: covering.reason } : {}) };
    back = addDays(here.map((p) => p.until!).sort().at(-1)!, 1);
  }
  return { onLeave: true, back, ...(covering.reason ? { reason: covering.reason } : {}) };
}

/**
 * Whether a reminder is still worth sending when its person is back: praise always is (it
 * waits for them), a reminder with no due date is, one whose due date is on or after that day is.
 */
export function stillValidOn(reminder: { type: string; due?: string }, back: string | undefined): boolean {
  if (reminder.type === 'praise' || reminder.due === undefined) return true;
  return back !== undefined && reminder.due >= back;
}
