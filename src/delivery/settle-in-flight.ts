import type { Link } from '../domain.js';
import type { DeliveryEntry } from '../store/store.js';
import { findPosted } from './send-message.js';
import type { SendOptions } from './send-outcome.js';
import { findTasks } from './send-task.js';

/** Why a delivery closed as never posted is failed in the ledger (its pairs are planned again). */
export const NOT_POSTED = 'not-posted';

export interface Settled {
  /** Found in their rooms: recorded as sent (reconciled). */
  found: DeliveryEntry[];
  /** Not in their rooms: closed (failed `not-posted`, or back to the outbox), their pairs plannable again. */
  closed: DeliveryEntry[];
  /** Rooms that could not be read: still in flight; their pairs are planned under no key this run. */
  unsettled: DeliveryEntry[];
}

type SettleOptions = Pick<SendOptions, 'api' | 'ledger' | 'clock' | 'ownAccountId' | 'generation'> & {
  /** Current links of the people of in-flight tasks: a task is looked for by its assignees' accounts. */
  links: Map<string, Link>;
};

/**
 * Every delivery an earlier run left in flight is settled against its own room, by its own key,
 * before anything is planned: a pair whose route changed since (a `destinations set`, a restored
 * dump, a group post split differently) would otherwise be planned under another key, and the
 * post still in flight under the old one never looked for. Called after the lock is taken and
 * the successor's wait is over, so whatever was on the wire has landed.
 */
export async function settleInFlight(entries: DeliveryEntry[], options: SettleOptions): Promise<Settled> {
  const settled: Settled = { found: [], closed: [], unsettled: [] };
  const { ledger, clock } = options;
  const sendOptions = { ...options } as SendOptions;
  for (const entry of entries) {
    if (entry.status !== 'in-flight') continue;
    if (entry.kind === 'task') {
      const assignees = entry.pairs.map(([, userId]) => options.links.get(userId)?.accountId).filter((id): id is number => id !== undefined && id > 0);
      const tasks = assignees.length ? await findTasks(sendOptions, entry.roomId, entry.bodyHash, assignees) : 'unknown';
      if (tasks === 'unknown') settled.unsettled.push(entry);
      else if (tasks) {
        await ledger.sentTasks(entry.key, tasks, 'reconciled', clock.now());
        settled.found.push(entry);
      } else await close(entry);
      continue;
    }
    const message = await findPosted(sendOptions, entry.roomId, entry.bodyHash);
    if (message === 'unknown') settled.unsettled.push(entry);
    else if (message) {
      await ledger.sent(entry.key, message.message_id, 'reconciled', clock.now());
      settled.found.push(entry);
    } else await close(entry);
  }
  return settled;

  async function close(entry: DeliveryEntry) {
    // Another writer (a successor, after this run lost the lock) changed it meanwhile: not ours to close.
    if (await ledger.abandon(entry, NOT_POSTED, clock.now(), options.generation)) settled.closed.push(entry);
  }
}

/** The keys whose pairs must not be planned this run: still in flight, their rooms unread. */
export const unsettledKeys = (settled: Settled | undefined) => new Set(settled?.unsettled.map((entry) => entry.key) ?? []);
