import type { DirectChat } from '../chatwork/types.js';
import type { Destinations, Link, NonMemberFallback, NotificationType } from '../domain.js';
import { pairKey, type DeliveryEntry, type DeliveryLedger, type SkipRecord, type Store } from '../store/store.js';
import { routeOf } from './outbox.js';

/**
 * A held (deferred) delivery keeps the body it was planned with: the room, the mentions, the
 * direct chat of the account linked then. Before it goes out, and whenever a link or a
 * destination changes, it is judged again against what holds now; one that no longer fits
 * is withdrawn, never posted into the old direct chat or room.
 */
export type WithdrawCause = 'unlinked' | 'relinked' | 'user-removed' | 'destination-off' | 'destination-changed' | 'with-others' | 'on-leave' | 'answered';

export interface HeldView {
  links: Map<string, Link>;
  /** Ids of the users still in the directory. */
  inDirectory: Set<string>;
  destinations: Destinations;
  nonMembers?: Partial<Record<NotificationType, NonMemberFallback>>;
  /** Direct chats by account id; without them (no Chatwork at hand) a DM's account is judged by the link alone. */
  chats?: Map<number, DirectChat>;
  /** pairKey(reminder id, user id) of those who dropped out of this run's input: they answered, nothing more goes to them. */
  answered?: Set<string>;
}

export interface Withdrawal { entry: DeliveryEntry; causes: Map<string, WithdrawCause> }

const isRoomPost = (entry: DeliveryEntry) => routeOf(entry) === 'room';

/** Why this held delivery may no longer go out, per user; empty when it still may. */
function judgeHeld(entry: DeliveryEntry, view: HeldView): Map<string, WithdrawCause> {
  const causes = new Map<string, WithdrawCause>();
  const type = entry.deferred?.type ?? entry.type;
  const destination = type ? view.destinations[type] : undefined;
  const room = isRoomPost(entry);
  const everyone = (cause: WithdrawCause) => new Map(entry.pairs.map(([, userId]) => [userId, cause]));
  if (!destination || destination === 'off') return everyone('destination-off');
  // A DM is right for `dm`, and for a room type whose non-members get a direct chat instead.
  const routeHolds = room ? destination === `room:${entry.roomId}` : destination === 'dm' || (destination.startsWith('room:') && view.nonMembers?.[type!] === 'dm');
  if (!routeHolds) return everyone('destination-changed');
  const body = entry.deferred?.body ?? '';
  for (const [reminderId, userId] of entry.pairs) {
    const link = view.links.get(userId);
    if (view.answered?.has(pairKey(reminderId, userId))) causes.set(userId, 'answered');
    else if (!view.inDirectory.has(userId)) causes.set(userId, 'user-removed');
    else if (!link) causes.set(userId, 'unlinked');
    else if (!sameAccount(entry, link.accountId, body, room, view.chats)) causes.set(userId, 'relinked');
  }
  // A group chat post is one message: when one recipient may no longer get it, nobody gets this copy.
  if (causes.size) for (const [, userId] of entry.pairs) if (!causes.has(userId)) causes.set(userId, 'with-others');
  return causes;
}

/**
 * Whether the account linked now is the one the delivery was planned for: its direct chat is
 * the delivery's room (a DM), or the body mentions it (a group chat message). A group chat
 * task names nobody in its body: its assignees are taken from the links when it goes out.
 */
function sameAccount(entry: DeliveryEntry, accountId: number, body: string, room: boolean, chats?: Map<number, DirectChat>): boolean {
  if (!room) return chats ? chats.get(accountId)?.roomId === entry.roomId : true;
  if (entry.kind === 'task') return true;
  return body.includes(`[To:${accountId}]`);
}

/** Splits the outbox: what may go out, what is withdrawn, and what may be out already (in flight) and must wait. */
export function sortHeld(entries: DeliveryEntry[], view: HeldView): { keep: DeliveryEntry[]; withdraw: Withdrawal[]; stuck: DeliveryEntry[] } {
  const keep: DeliveryEntry[] = [];
  const withdraw: Withdrawal[] = [];
  const stuck: DeliveryEntry[] = [];
  for (const entry of entries) {
    const causes = judgeHeld(entry, view);
    if (!causes.size) keep.push(entry);
    // In flight: its POST may have landed; it is neither sent again nor forgotten.
    else if (entry.status === 'in-flight') stuck.push(entry);
    else withdraw.push({ entry, causes });
  }
  return { keep, withdraw, stuck };
}

/** Writes each withdrawal with a history line per pair; the count of those withdrawn (one a run took meanwhile is not). */
export async function withdrawHeld(ledger: DeliveryLedger, withdrawals: Withdrawal[], at: number): Promise<number> {
  let count = 0;
  for (const { entry, causes } of withdrawals) {
    const type = (entry.deferred?.type ?? entry.type)!;
    const reasons: SkipRecord[] = entry.pairs.map(([reminderId, userId, round]) => ({
      reminderId, userId, type, reason: `withdrawn-${causes.get(userId) ?? 'with-others'}`, at, ...(round ? { round } : {}),
    }));
    if (await ledger.withdraw(entry.key, reasons)) count += 1;
  }
  return count;
}

/** What the store says now of the people and destinations of these held deliveries. */
export async function heldView(store: Store, entries: DeliveryEntry[], chats?: Map<number, DirectChat>, answered?: Set<string>): Promise<HeldView> {
  const userIds = [...new Set(entries.flatMap((entry) => entry.pairs.map(([, userId]) => userId)))];
  const [links, users, destinations, config] = await Promise.all([
    store.links.byUserIds(userIds), store.users.byIds(userIds), store.destinations.all(), store.config.get(),
  ]);
  return { links, inDirectory: new Set([...users.values()].filter((u) => u.status !== 'retired').map((u) => u.id)), destinations, ...(config.nonMembers ? { nonMembers: config.nonMembers } : {}), ...(chats ? { chats } : {}), ...(answered ? { answered } : {}) };
}

/** After a change of links or destinations: every held delivery judged again, those that no longer fit withdrawn at once. */
export async function withdrawStaleHeld(store: Store, at: number): Promise<number> {
  const held = (await store.deliveries.outbox()).filter((entry) => entry.status === 'deferred');
  if (!held.length) return 0;
  const { withdraw } = sortHeld(held, await heldView(store, held));
  return withdrawHeld(store.deliveries, withdraw, at);
}
