import type { Link } from '../domain.js';
import type { DeliveryEntry } from '../store/store.js';
import type { Delivery } from './plan.js';

/**
 * The deliveries an earlier run deferred, rebuilt from what the ledger kept of them. A task
 * needs its assignees' account ids: from the links (an unlinked one is left out of to_ids).
 */
export function outboxDeliveries(entries: DeliveryEntry[], links: Map<string, Link> = new Map()): Delivery[] {
  return entries.map((entry) => ({
    key: entry.key, fromOutbox: true, reminderId: entry.pairs[0]?.[0] ?? entry.key, type: entry.deferred!.type,
    route: entry.pairs.length > 1 || entry.key.includes('\u001froom:') ? 'room' : 'dm', roomId: entry.roomId,
    recipients: entry.pairs.map(([, userId]) => ({ userId, accountId: links.get(userId)?.accountId ?? 0, name: userId })),
    pairs: entry.pairs, body: entry.deferred!.body, bodyHash: entry.bodyHash,
    ...(entry.kind === 'task' ? { kind: 'task' as const, ...(entry.taskLimit !== undefined ? { taskLimit: entry.taskLimit } : {}) } : {}),
  }));
}
