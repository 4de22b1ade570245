import type { Reminder } from '../../delivery/reminders.js';
import { pairKey, type ObservedReminder, type Store } from '../../store/store.js';

/**
 * Records what this input says of each reminder it lists: who is pending now, and who dropped
 * out (answered). A dry run compares and writes nothing. One reminder at a time in the store.
 */
export async function observeInput(store: Store, reminders: Reminder[], at: number, dryRun: boolean): Promise<ObservedReminder[]> {
  // Someone the directory no longer knows is still listed: not an answer (their reference stands for them).
  const input = reminders.map((r) => ({
    reminderId: r.id, type: r.type, ...(r.title ? { title: r.title } : {}), ...(r.due ? { due: r.due } : {}),
    to: r.unknownRecipients.length ? [...r.to, ...r.unknownRecipients] : r.to,
  }));
  return dryRun ? store.reminders.compare(input, at) : store.reminders.observe(input, at);
}

/** The (reminder, person) pairs that answered with this input, as pairKey()s. */
export function answeredPairs(observed: ObservedReminder[]): Set<string> {
  return new Set(observed.flatMap((o) => o.answered.map((userId) => pairKey(o.reminderId, userId))));
}
