import { hash } from 'node:crypto';
import { pairKey, type PairState, type Round } from '../store/store.js';
import { MAX_BODY } from './notation.js';
import { joinedLength, splitMentions } from './split-mentions.js';

interface Person { userId: string }

/** The shape of a group post's body: what it is with {to} empty, and how many times {to} appears. */
export interface PostShape { fixedLength: number; toCount: number }

export interface RoomPost<R extends Person> { key: string; recipients: R[] }

/** Every key of this reminder's posts in this room starts so. */
export const roomKeyPrefix = (reminderId: string, roomId: number, round: Round = '') =>
  (round ? `${reminderId}\u001froom:${roomId}\u001f${round}\u001f` : `${reminderId}\u001froom:${roomId}\u001f`);

/** A group post's delivery key: the reminder, the room, and who it mentions (in any order). */
export function roomKey(reminderId: string, roomId: number, recipients: readonly Person[], round: Round = ''): string {
  const who = hash('sha256', recipients.map((r) => r.userId).sort().join('\n'), 'hex').slice(0, 12);
  return `${roomKeyPrefix(reminderId, roomId, round)}${who}`;
}

/**
 * The posts one reminder makes in a group chat. Everyone in one post when their mentions fit
 * Chatwork's 65,535 characters (in the input's order, as before); otherwise sorted by user id
 * and split, each post keyed by the people it mentions, so the same people always make the
 * same posts. People whose post an earlier run left in flight stay together under that post's
 * key, whatever else changed: the send looks for it in the room before posting anything again.
 * Such a post that no longer fits is never re-split under other keys: its people are `held`.
 */
export function roomPosts<R extends Person>(reminderId: string, roomId: number, recipients: R[], shape: PostShape,
  mentionLength: (recipient: R) => number, pairStates: Map<string, PairState>, round: Round = ''): { posts: RoomPost<R>[]; held: R[] } {
  const budget = shape.toCount ? Math.floor((MAX_BODY - shape.fixedLength) / shape.toCount) : Infinity;
  const fits = (people: R[]) => joinedLength(people, mentionLength) <= budget;
  const prefix = roomKeyPrefix(reminderId, roomId, round);
  const inFlight = new Map<string, R[]>();
  const rest: R[] = [];
  for (const recipient of recipients) {
    const state = pairStates.get(pairKey(reminderId, recipient.userId, round));
    if (state?.status === 'in-flight' && !state.outbox && state.key.startsWith(prefix)) inFlight.set(state.key, [...(inFlight.get(state.key) ?? []), recipient]);
    else rest.push(recipient);
  }
  const posts: RoomPost<R>[] = [];
  const held: R[] = [];
  for (const [key, people] of inFlight) {
    if (fits(people)) posts.push({ key, recipients: people });
    // Planned under new keys, they could be posted twice: the old post may be in the room.
    else held.push(...people);
  }
  if (rest.length === 0) return { posts, held };
  if (fits(rest)) return { posts: [...posts, { key: roomKey(reminderId, roomId, rest, round), recipients: rest }], held };
  const sorted = rest.toSorted((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  return { posts: [...posts, ...splitMentions(sorted, mentionLength, budget).map((people) => ({ key: roomKey(reminderId, roomId, people, round), recipients: people }))], held };
}
