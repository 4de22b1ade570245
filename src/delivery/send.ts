import type { Delivery } from './plan.js';
import { sendOne } from './send-message.js';
import type { Outcome, SendOptions } from './send-outcome.js';

export type { Outcome, SendOptions };

/**
 * Delivers each planned message effectively once. The intent is durable before the
 * POST; the outcome is written after. Whatever may already have been posted (in
 * flight after a crash, or ambiguous now) is looked for in the room before it is
 * posted again.
 */
export async function sendAll(deliveries: Delivery[], options: SendOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  // Boxed, so that a failure is kept (and rethrown) whatever was thrown, even a falsy value.
  let fatal: { error: unknown } | undefined;
  const worker = async () => {
    for (;;) {
      if (fatal) return;
      const index = next++;
      if (index >= deliveries.length) return;
      const delivery = deliveries[index]!;
      let outcome: Outcome;
      if (options.shouldStop?.()) {
        outcome = { kind: 'pending', delivery, reason: 'stopped' };
      } else if (options.hold?.(delivery)) {
        outcome = { kind: 'pending', delivery, reason: 'window-closed' };
      } else {
        try {
          outcome = await sendOne(delivery, options);
        } catch (error) {
          fatal ??= { error };
          return;
        }
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  if (fatal) throw fatal.error;
  return outcomes;
}
