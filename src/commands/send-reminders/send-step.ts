import type { ChatworkApi } from '../../chatwork/client/api.js';
import type { Deps } from '../../deps/deps.js';
import type { Delivery } from '../../delivery/plan.js';
import { sendAll, type Outcome } from '../../delivery/send.js';
import { createProgress } from '../../flows/delivery-progress.js';
import type { DeliveryLedger, RunLock } from '../../store/store.js';

export interface SendStep {
  api: ChatworkApi; ledger: DeliveryLedger; ownAccountId: number; lock?: RunLock;
  /** Whether a delivery now waits for the send window after all (it closed during the run). */
  hold(delivery: Delivery): boolean;
}

/**
 * The planned deliveries sent, with progress on stderr and a clean stop on Ctrl-C, SIGTERM or
 * a lost lock: every outcome, and how many failed.
 */
export async function sendPlanned(deps: Deps, toSend: Delivery[], step: SendStep): Promise<{ outcomes: Outcome[]; failed: number }> {
  const { io, t, clock } = deps;
  const { api, lock } = step;
  let stopping = false;
  // Only the POST on the wire finishes; a wait for the rate limit ends now (systemd and
  // Kubernetes kill 10-30 s after SIGTERM). A second Ctrl-C finds no handler and ends the process.
  const stopListening = io.onInterrupt(() => { stopping = true; api.stop(); io.err(t('send.stopping')); });
  const progress = createProgress(deps, toSend.length, () => api.rateLimit());
  api.onRateLimitWait((waitMs, episode) => progress.waiting(waitMs, episode));
  let done = 0;
  let failed = 0;
  try {
    const outcomes = await sendAll(toSend, {
      api, ledger: step.ledger, clock, ownAccountId: step.ownAccountId, generation: lock?.generation, log: io.verbose,
      // A run that lost its lock stops too: another host may be sending by now.
      shouldStop: () => stopping || lock?.signal?.aborted === true,
      hold: step.hold,
      onOutcome: (outcome) => {
        done += 1;
        if (outcome.kind === 'failed') {
          failed += 1;
          const d = outcome.delivery;
          io.event({ level: 'warn', event: 'delivery.failed', fields: { reminderId: d.reminderId, roomId: d.roomId, recipients: d.recipients.length, code: outcome.message?.key, reason: outcome.reason } });
        }
        progress.update(done, failed);
      },
    });
    return { outcomes, failed };
  } finally {
    progress.finish();
    stopListening();
  }
}
