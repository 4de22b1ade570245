import type { Delivery, Skip } from '../../delivery/plan.js';
import type { HiManagerUser, NotificationType } from '../../domain.js';

/** Skips that restate what the ledger already holds: not news for the history. */
const ALREADY: Skip['reason'][] = ['already-sent', 'already-deferred', 'too-long'];

/** What the ledger keeps of a delivery held for later (the outbox). */
export function deferRecord(d: Delivery, until: number, at: number, generation: number | undefined) {
  return {
    key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: d.type, body: d.body, until, at,
    ...(generation !== undefined ? { generation } : {}),
    ...(d.kind === 'task' ? { kind: 'task' as const, ...(d.taskLimit !== undefined ? { taskLimit: d.taskLimit } : {}) } : {}),
  };
}

/** The skips this run records for the history: news only, and only for people the directory has. */
export function skipRecords(skips: Skip[], users: Map<string, HiManagerUser>, typeOf: Map<string, NotificationType>, at: number) {
  return skips.filter((s) => !ALREADY.includes(s.reason) && users.has(s.recipient)).map((s) => ({
    reminderId: s.reminderId, userId: s.recipient, type: typeOf.get(s.reminderId)!, reason: s.reason, at, ...(s.round ? { round: s.round } : {}),
  }));
}
