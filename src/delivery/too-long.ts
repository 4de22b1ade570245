import { MAX_BODY } from './notation.js';
import type { Delivery } from './plan.js';
import type { Outcome, SendOptions } from './send-outcome.js';

/** The ledger's reason for a delivery whose body does not fit Chatwork: final, never planned again. */
export const TOO_LONG = 'too-long';

export const isTooLong = (delivery: Delivery) => delivery.tooLong !== undefined || delivery.body.length > MAX_BODY;

/**
 * A body over 65,535 characters is never posted (Chatwork would refuse it, or cut it): the
 * delivery is recorded as failed, too-long, in one write, and nothing else is held back.
 */
export async function refuseTooLong(delivery: Delivery, options: SendOptions): Promise<Outcome> {
  const { ledger, clock } = options;
  await ledger.refused({
    key: delivery.key, roomId: delivery.roomId, pairs: delivery.pairs, bodyHash: delivery.bodyHash, type: delivery.type, at: clock.now(),
    ...(delivery.kind === 'task' ? { kind: 'task' as const, taskLimit: delivery.taskLimit } : {}),
  }, TOO_LONG);
  return { kind: 'failed', delivery, reason: TOO_LONG, message: { key: 'send.fail.tooLong', params: { length: delivery.tooLong?.length ?? delivery.body.length, max: MAX_BODY } } };
}
