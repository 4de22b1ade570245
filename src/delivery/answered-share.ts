/**
 * Stop when answered, the guard (issue 27): an export cut short looks like many people answering
 * at once. When more than this share of a reminder's pending people vanish from one input, their
 * tasks are not closed (follow-ups still stop) and the run, and doctor, warn until an admin runs
 * `send-reminders --confirm-answered`.
 */
const MAX_ANSWERED_SHARE = 0.3;

export interface AnsweredNow {
  reminderId: string;
  /** Pending before this input and absent from it. */
  answered: string[];
  pendingBefore: number;
}

/** A reminder whose answers wait for confirmation: how many vanished out of how many pending. */
export interface AnsweredHold { reminderId: string; answered: number; pendingBefore: number; at: number }

export interface ClosePlan {
  /** People whose tasks of this reminder are closed now. */
  close: { reminderId: string; userIds: string[] }[];
  /** Reminders held back by the share rule this run. */
  held: AnsweredHold[];
}

/** Pure: which answers close tasks now, and which wait for --confirm-answered. */
export function planCloses(observed: AnsweredNow[], { confirmed, at }: { confirmed: boolean; at: number }): ClosePlan {
  const plan: ClosePlan = { close: [], held: [] };
  for (const { reminderId, answered, pendingBefore } of observed) {
    if (!answered.length) continue;
    if (!confirmed && tooMany(answered.length, pendingBefore)) plan.held.push({ reminderId, answered: answered.length, pendingBefore, at });
    else plan.close.push({ reminderId, userIds: answered });
  }
  return plan;
}

const tooMany = (answered: number, pendingBefore: number) => pendingBefore > 0 && answered > MAX_ANSWERED_SHARE * pendingBefore;

/** The holds to keep after this run: earlier ones stay until confirmed; this run's are added (one per reminder, the latest). */
export function nextHolds(before: AnsweredHold[], plan: ClosePlan, confirmed: boolean): AnsweredHold[] {
  if (confirmed) return [];
  const byId = new Map(before.map((hold) => [hold.reminderId, hold]));
  for (const hold of plan.held) byId.set(hold.reminderId, hold);
  return [...byId.values()];
}
