import type { Policy } from '../domain.js';
import type { Delivery } from './plan.js';

export interface SendPolicyInput {
  /** The calendar's policy per type outside the send window. */
  policy: Record<Delivery['type'], Policy>;
  /** `--now`: the admin sends outside the window on purpose. */
  forced: boolean;
}

/**
 * What becomes of a delivery now, the one rule for planning and for sending: inside the window,
 * with --now, for a type sent at any hour, or for a body too long to send (it fails now and
 * says so), it goes; otherwise its type's policy says wait (`defer`) or drop (`skip`). A delivery
 * from the outbox was held once already: it waits again, whatever its type's policy is now.
 */
export function sendDecision(delivery: Pick<Delivery, 'type' | 'fromOutbox' | 'tooLong'>, windowOpen: boolean, input: SendPolicyInput): Policy {
  const policy = delivery.fromOutbox ? 'defer' : input.policy[delivery.type];
  if (windowOpen || input.forced || policy === 'send' || delivery.tooLong) return 'send';
  return policy;
}
