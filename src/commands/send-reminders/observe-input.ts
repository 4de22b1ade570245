import type { Reminder } from '../../delivery/reminders.js';
import type { ObservedReminder, Store } from '../../store/store.js';

/**
 * Records what this input says of each reminder it lists: who is pending now, and who dropped
 * out (answered). A dry run compares and writes nothing. One reminder at a time in the store.
 */
export async function observeInput(store: Store, reminders: Reminder[], at: number, dryRun: boolean): Promise<ObservedReminder[]> {
  const input = reminders.map((r) => ({ reminderId: r.id, type: r.type, ...(r.title ? { title: r.title } : {}), ...(r.due ? { due: r.due } : {}), to: r.to }));
  return dryRun ? store.reminders.compare(input, at) : store.reminders.observe(input, at);
}
