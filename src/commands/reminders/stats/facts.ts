import { reminderStats, type ReminderFacts, type ReminderStats } from '../../../delivery/reminder-stats.js';
import type { Store } from '../../../store/store.js';

/** What the store keeps of one reminder, for reminderStats(): its deliveries per round, its answers, its pending people, its skips. */
async function factsOf(store: Store, reminderId: string): Promise<ReminderFacts> {
  const [input, entries, answered, pending] = await Promise.all([
    store.reminders.get(reminderId), store.deliveries.byReminder(reminderId), store.reminders.answered(reminderId), store.reminders.pending(reminderId),
  ]);
  const deliveries: ReminderFacts['deliveries'] = [];
  for (const entry of entries) {
    for (const [pairReminder, userId, round] of entry.pairs) {
      // A digest lists other reminders too: only this one's pairs count here.
      if (pairReminder !== reminderId) continue;
      deliveries.push({ userId, round: round ?? '', status: entry.status, ...(entry.recall ? { recalled: true } : {}) });
    }
  }
  const skips: ReminderFacts['skips'] = [];
  for await (const row of store.history.query({ reminderId })) {
    if ((row.status === 'skipped' || row.status === 'withdrawn') && row.reason) skips.push({ userId: row.userId, reason: row.reason });
  }
  const type = input?.type ?? entries.find((e) => e.type)?.type;
  return {
    reminderId, ...(type ? { type } : {}), ...(input?.title ? { title: input.title } : {}), ...(input?.due ? { due: input.due } : {}),
    deliveries, answered: answered.map((a) => ({ userId: a.userId, ...(a.afterRound !== undefined ? { afterRound: a.afterRound } : {}) })), pending, skips,
  };
}

/** The figures of `reminders stats`: of one reminder, or of every reminder the inputs showed (the console's 配信状況 shows the same). */
export async function statsOf(store: Store, reminderId?: string): Promise<ReminderStats[]> {
  const ids = reminderId !== undefined ? [reminderId] : (await store.reminders.list()).map((r) => r.reminderId);
  const all: ReminderStats[] = [];
  for (const id of ids) all.push(reminderStats(await factsOf(store, id)));
  return all;
}
