import { localTime, nextWindowStart, zonedInstant, type CalendarSettings, type HolidayTable } from '../../calendar/calendar.js';
import { holdOfDelivery, type Hold, type HoldContext } from '../../delivery/holds.js';
import type { OutboxWait } from '../../delivery/outbox-holds.js';
import { outboxDeliveries } from '../../delivery/outbox.js';
import type { Delivery, Skip } from '../../delivery/plan.js';
import { planInSlices, type SliceContext } from '../../delivery/plan-in-slices.js';
import type { Link } from '../../domain.js';
import { pairKey, type LeavePeriod, type Pair, type Store } from '../../store/store.js';
import type { Deferral } from './dry-run-report.js';

/** What holds need to know this run: the date, who is on leave, and when a day's send window opens. */
export async function holdContext(store: Store, now: number, calendar: CalendarSettings, holidays: HolidayTable): Promise<HoldContext> {
  const leave = new Map<string, LeavePeriod[]>();
  // Few people are on leave at a time: read whole, once.
  for (const period of await store.leave.all()) leave.set(period.userId, [...(leave.get(period.userId) ?? []), period]);
  return {
    now, today: localTime(now, calendar.timeZone).date, leave,
    openingOn: (date) => nextWindowStart(zonedInstant(date, 0, calendar.timeZone), calendar, holidays),
  };
}

/** `on-leave` only for pairs the ledger has nothing of: one sent or held already says so itself. */
export async function newOnLeaveSkips(store: Store, skips: Skip[]): Promise<Skip[]> {
  if (!skips.length) return [];
  const states = await store.deliveries.pairStates(skips.map((s): Pair => [s.reminderId, s.recipient]));
  return skips.filter((s) => {
    const state = states.get(pairKey(s.reminderId, s.recipient));
    return !state || (state.status === 'failed' && state.reason !== 'too-long' && !state.recalled);
  });
}

/** The held parts planned like the rest, each deferred to its time; a body too long fails now, like any other. */
export async function planHeld(held: Hold[], context: SliceContext, nextOpen: number, route: (d: Delivery) => void, deferrals: Deferral[], onSkip: (skip: Skip) => void): Promise<void> {
  if (!held.length) return;
  const holdOf = holdOfDelivery(held);
  await planInSlices(held.map((h) => h.reminder), context, (delivery) => {
    const hold = holdOf(delivery);
    if (!hold || delivery.tooLong) return route(delivery);
    deferrals.push({ delivery, until: hold.until ?? nextOpen, why: hold.why, ...(hold.until === undefined ? { openEnded: true } : {}) });
  }, onSkip);
}

/** Outbox entries that keep waiting, as this run's deferrals (counted, nothing rewritten). */
export function waitingDeferrals(waits: OutboxWait[], links: Map<string, Link>, nextOpen: number): Deferral[] {
  return waits.map((w) => ({
    delivery: outboxDeliveries([w.entry], links)[0]!, until: w.until ?? nextOpen,
    ...(w.why ? { why: w.why } : {}), ...(w.why === 'leave' && w.until === undefined ? { openEnded: true } : {}),
  }));
}
