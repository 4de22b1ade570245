import type { DirectChat } from '../chatwork/types.js';
import { pairOf, type Store } from '../store/store.js';
import { inRounds, type RoundsContext } from './plan-rounds.js';
import { planDeliveries, type Delivery, type PlanView, type Skip } from './plan.js';
import type { Reminder } from './reminders.js';
import type { MessageLang } from './templates.js';

/** How many recipients are planned at a time: their links and ledger states are read for them only. */
const SLICE_RECIPIENTS = 2_000;

export interface SliceContext {
  store: Store;
  /** Everything a plan needs but the links and the ledger's states, which each slice reads for itself. */
  view: Omit<PlanView, 'links' | 'pairStates'>;
  chats: Map<number, DirectChat>;
  lang: MessageLang;
  bodies: boolean;
  /** Follow-up schedules: each reminder is planned in the round its people are due (plan-rounds.ts). */
  rounds?: RoundsContext;
  /** Recipients per slice; SLICE_RECIPIENTS unless a test wants many slices of few people. */
  sliceRecipients?: number;
}

/**
 * Plans the reminders a slice at a time and hands each delivery and skip on as it is planned,
 * so that 50,000 recipients' links, ledger states and deliveries never stand in memory at once
 * when the caller keeps none of them (a dry run prints and forgets). Same plan as all at once:
 * each reminder is planned on its own.
 */
export async function planInSlices(reminders: Reminder[], context: SliceContext, onDelivery: (delivery: Delivery) => void, onSkip: (skip: Skip) => void): Promise<void> {
  const { store, view, chats, lang, bodies, sliceRecipients = SLICE_RECIPIENTS } = context;
  for (const reminderSlice of slices(reminders, sliceRecipients)) {
    const { reminders: slice, skips: waiting } = context.rounds ? await inRounds(reminderSlice, context.rounds, store.deliveries) : { reminders: reminderSlice, skips: [] };
    waiting.forEach(onSkip);
    const [links, pairStates] = await Promise.all([
      store.links.byUserIds([...new Set(slice.flatMap((r) => r.to))]),
      store.deliveries.pairStates(slice.flatMap((r) => r.to.map((userId) => pairOf(r.id, userId, r.round)))),
    ]);
    const planned = planDeliveries(slice, { ...view, links, pairStates }, chats, lang, { bodies });
    planned.deliveries.forEach(onDelivery);
    planned.skips.forEach(onSkip);
  }
}

/** Consecutive reminders with about `size` recipients between them; a bigger reminder is a slice of its own. */
function* slices(reminders: Reminder[], size: number): Generator<Reminder[]> {
  let slice: Reminder[] = [];
  let recipients = 0;
  for (const reminder of reminders) {
    slice.push(reminder);
    recipients += reminder.to.length;
    if (recipients >= size) {
      yield slice;
      slice = [];
      recipients = 0;
    }
  }
  if (slice.length) yield slice;
}
