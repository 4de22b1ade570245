import { addDays, dayStatus, localTime, parseClock, zonedInstant, type CalendarSettings, type HolidayTable } from '../calendar/calendar.js';
import { FIRST_ROUND, followUpRound, type Round } from '../store/repos/round-labels.js';
import type { DeliveryStatus } from '../store/store.js';

/** A type's follow-ups: the days before due they go (3,1,0), and the least time between two messages to one person. */
export interface FollowUpSchedule { daysBefore: number[]; gapHours: number }
export const DEFAULT_GAP_HOURS = 20;

/** One round a person has in the ledger for this reminder. */
export interface RoundHistory { round: Round; status: DeliveryStatus; at: number; outbox?: boolean; recalled?: boolean }

export interface RoundQuestion {
  /** YYYY-MM-DD, the reminder's due date; without it there are no follow-ups. */
  due?: string;
  schedule?: FollowUpSchedule;
  calendar: CalendarSettings;
  holidays: HolidayTable;
  now: number;
  /** Every round this person has for this reminder. */
  history: RoundHistory[];
}

export type RoundAnswer =
  | { round: Round }
  /** Nothing now: `next` is when the next round could go, if one is still to come. */
  | { round?: undefined; why: 'done' | 'recalled' | 'waiting' | 'gap' | 'not-yet' | 'after-due'; next?: { round: Round; at: number } };

/** A follow-up round on the calendar: its day (moved to the business day before a closed one) and the window's opening that day. */
export interface ScheduledRound { round: Round; daysBefore: number; date: string; at: number }

/**
 * The follow-up rounds of a due date, in the order they go. A round that falls on a closed
 * day moves to the business day before; two that land on the same day are one: the later
 * round (closer to due) goes, never both.
 */
export function scheduledRounds(due: string, schedule: FollowUpSchedule, calendar: CalendarSettings, holidays: HolidayTable): ScheduledRound[] {
  const opening = parseClock(calendar.window.start)!;
  const byDate = new Map<string, ScheduledRound>();
  for (const days of [...new Set(schedule.daysBefore)].sort((a, b) => b - a)) {
    let date = addDays(due, -days);
    // A year of closed days back at most: a calendar with none open has no follow-ups.
    for (let back = 0; back < 366 && !dayStatus(date, calendar, holidays).business; back++) date = addDays(date, -1);
    if (!dayStatus(date, calendar, holidays).business) continue;
    byDate.set(date, { round: followUpRound(days), daysBefore: days, date, at: zonedInstant(date, opening, calendar.timeZone) });
  }
  return [...byDate.values()].sort((a, b) => a.at - b.at);
}

/**
 * Which round goes to one person now, if any. The first message ('') goes once, whenever the
 * reminder is first listed. Then, with a schedule and a due date, only the latest follow-up
 * round that is due (never two at once, never one older than the last message), not after the
 * due date, and never sooner than the gap after the last message. A round left in flight is
 * the answer again (its send looks in the room first); one held for the window waits.
 */
export function roundDue(question: RoundQuestion): RoundAnswer {
  const { history, now } = question;
  if (history.some((h) => h.recalled)) return { why: 'recalled' };
  const inFlight = history.find((h) => h.status === 'in-flight' && !h.outbox);
  if (inFlight) return { round: inFlight.round };
  if (history.some((h) => h.outbox)) return { why: 'waiting' };
  const sent = history.filter((h) => h.status === 'sent');
  if (!sent.some((h) => h.round === FIRST_ROUND)) return { round: FIRST_ROUND };
  const { due, schedule } = question;
  if (!due || !schedule?.daysBefore.length) return { why: 'done' };
  if (localTime(now, question.calendar.timeZone).date > due) return { why: 'after-due' };
  const lastAt = Math.max(...sent.map((h) => h.at));
  const rounds = scheduledRounds(due, schedule, question.calendar, question.holidays);
  const latest = rounds.filter((r) => r.at <= now).at(-1);
  const upcoming = rounds.find((r) => r.at > now && r.at > lastAt);
  const next = upcoming ? { next: { round: upcoming.round, at: Math.max(upcoming.at, lastAt + gapMs(schedule)) } } : {};
  if (!latest || latest.at <= lastAt || sent.some((h) => h.round === latest.round)) return { why: upcoming ? 'not-yet' : 'done', ...next };
  if (now - lastAt < gapMs(schedule)) return { why: 'gap', next: { round: latest.round, at: lastAt + gapMs(schedule) } };
  return { round: latest.round };
}

const gapMs = (schedule: FollowUpSchedule) => schedule.gapHours * 3_600_000;
