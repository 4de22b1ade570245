import type { Message } from '../chatwork/types.js';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, LockedError } from '../errors/index.js';
import { hashBody } from './body-hash.js';
import type { Delivery } from './plan.js';
import { AMBIGUOUS_ATTEMPTS, type Outcome, type SendOptions } from './send-outcome.js';
import { sendTask } from './send-task.js';
import { isTooLong, refuseTooLong } from './too-long.js';

/**
 * One delivery: a task is sendTask's. A message is posted after its intent is durable, and
 * looked for in the room first whenever it may be there already (in flight, or ambiguous).
 */
export async function sendOne(delivery: Delivery, options: SendOptions): Promise<Outcome> {
  if (delivery.kind === 'task') return sendTask(delivery, options);
  const { api, ledger, clock } = options;
  const previous = await ledger.entry(delivery.key);
  if (previous?.status === 'in-flight') {
    const found = await findPosted(options, previous.roomId, previous.bodyHash);
    if (found === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room to reconcile', message: { key: 'send.fail.unreadable' } };
    if (found) {
      await ledger.sent(delivery.key, found.message_id, 'reconciled', clock.now());
      return { kind: 'delivered', delivery, messageId: found.message_id, how: 'reconciled' };
    }
  }
  // Looked for first: an earlier body may have gone out. This one never does.
  if (isTooLong(delivery)) return refuseTooLong(delivery, options);
  for (let attempt = 1; attempt <= AMBIGUOUS_ATTEMPTS; attempt++) {
    await ledger.intent({
      key: delivery.key, roomId: delivery.roomId, pairs: delivery.pairs, bodyHash: delivery.bodyHash, type: delivery.type, at: clock.now(),
      ...(options.generation !== undefined ? { generation: options.generation } : {}),
    });
    try {
      const { message_id } = await api.postMessage(delivery.roomId, delivery.body);
      await ledger.sent(delivery.key, message_id, 'posted', clock.now());
      return { kind: 'delivered', delivery, messageId: message_id, how: 'posted' };
    } catch (error) {
      // A lost login, or a lost lock (fenced before the POST left): the whole run stops.
      if (error instanceof AuthError || error instanceof LockedError) throw error;
      // Stopped before the POST left: the intent stays in flight, so the next run looks in the room first.
      if (error instanceof InterruptedError) return { kind: 'pending', delivery, reason: 'stopped' };
      if (error instanceof AmbiguousRequestError) {
        options.log?.(`ambiguous post to room ${delivery.roomId}; reconciling`);
        await clock.sleep(1000 * attempt);
        const found = await findPosted(options, delivery.roomId, delivery.bodyHash);
        if (found === 'unknown') return { kind: 'failed', delivery, reason: 'ambiguous: could not read the room to reconcile', message: { key: 'send.fail.unreadable' } };
        if (found) {
          await ledger.sent(delivery.key, found.message_id, 'reconciled', clock.now());
          return { kind: 'delivered', delivery, messageId: found.message_id, how: 'reconciled' };
        }
        continue; // not there: it was never stored, so posting again cannot double it
      }
      const reason = error instanceof ApiError ? `HTTP ${error.status}: ${error.apiMessages.join('; ') || '-'}`
        : error instanceof CliError ? error.message : String(error);
      await ledger.failed(delivery.key, reason, clock.now());
      // The ledger and --json keep the reason as it was; people read it from the catalog.
      return { kind: 'failed', delivery, reason, message: error instanceof CliError ? { key: error.key, params: error.params } : undefined };
    }
  }
  // Still unconfirmed: left in flight, so the next run reconciles it rather than posting blindly.
  return { kind: 'failed', delivery, reason: 'ambiguous: no answer and not found in the room', message: { key: 'send.fail.unconfirmed' } };
}

/**
 * A message this account posted with this body, among the room's latest, that no other
 * delivery claimed. Its send_time is not looked at: the host's clock may be minutes off
 * Chatwork's, and the claim check already keeps two equal bodies apart.
 */
export async function findPosted(options: SendOptions, roomId: number, bodyHash: string): Promise<Message | undefined | 'unknown'> {
  let messages: Message[];
  try {
    messages = await options.api.messages(roomId);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    return 'unknown';
  }
  for (const message of messages) {
    if (message.account.account_id !== options.ownAccountId || hashBody(message.body) !== bodyHash) continue;
    // A message another delivery already claimed is not this one's, even with the same body.
    if (!await options.ledger.isClaimed(message.message_id)) return message;
  }
  return undefined;
}
