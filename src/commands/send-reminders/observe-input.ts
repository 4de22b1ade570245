import type { Reminder } from '../../delivery/reminders.js';
import type { ObservedReminder } from '../../store/repos/reminders.js';
import type { Store } from '../../store/store.js';

/**
 * This input, as the reminders' history over time: who is pending now for each reminder id it
 * lists, and who dropped out since the last input that listed it (answered). A dry run compares
 * and writes nothing. (Shared with the rounds work: same name and signature on both branches.)
 */
export async function observeInput(store: Store, reminders: Reminder[], at: number, dryRun: boolean): Promise<ObservedReminder[]> {
  const input = reminders.map((r) => ({ reminderId: r.id, type: r.type, ...(r.title ? { title: r.title } : {}), ...(r.due ? { due: r.due } : {}), to: r.to }));
  return dryRun ? store.reminders.compare(input, at) : store.reminders.observe(input, at);
}
