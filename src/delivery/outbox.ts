import type { Link } from '../domain.js';
import type { DeliveryEntry } from '../store/store.js';
import type { Delivery } from './plan.js';

/**
 * Where a ledger entry was posted: a group chat's key carries its room (plan-room.ts), and only a
 * group post covers several people. The one rule for every reader of the ledger.
 */
export function routeOf(entry: Pick<DeliveryEntry, 'key' | 'pairs'>): Delivery['route'] {
  // A digest (digest.ts) covers several pairs of one person, in their direct chat.
  if (entry.key.includes('\u001fdigest:')) return 'dm';
  return entry.pairs.length > 1 || entry.key.includes('\u001froom:') ? 'room' : 'dm';
}

/** A delivery rebuilt from its ledger entry, with the body and type it goes out with. */
export function deliveryOf(entry: DeliveryEntry, body: string, type: Delivery['type'], links: Map<string, Link> = new Map()): Delivery {
  return {
    key: entry.key, reminderId: entry.pairs[0]?.[0] ?? entry.key, type, route: routeOf(entry), roomId: entry.roomId,
    // A digest's pairs are one person's: one recipient.
    recipients: [...new Set(entry.pairs.map(([, userId]) => userId))].map((userId) => ({ userId, accountId: links.get(userId)?.accountId ?? 0, name: userId })),
    pairs: entry.pairs, body, bodyHash: entry.bodyHash,
    ...(entry.kind === 'task' ? { kind: 'task' as const, ...(entry.taskLimit !== undefined ? { taskLimit: entry.taskLimit } : {}) } : {}),
  };
}

/**
 * The deliveries an earlier run deferred, rebuilt from what the ledger kept of them. A task
 * needs its assignees' account ids: from the links (an unlinked one is left out of to_ids).
 */
export function outboxDeliveries(entries: DeliveryEntry[], links: Map<string, Link> = new Map()): Delivery[] {
  return entries.map((entry) => ({ ...deliveryOf(entry, entry.deferred!.body, entry.deferred!.type, links), fromOutbox: true }));
}
