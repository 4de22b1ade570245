import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { directChatsOf } from '../helpers/direct-chats.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import { planDeliveries, type PlanView } from '../../src/delivery/plan.js';
import { roomKey, roomPosts } from '../../src/delivery/plan-room.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { Destination, HiManagerUser, Link } from '../../src/domain.js';
import { pairKey, type PairState } from '../../src/store/store.js';

/**
 * The class: a pair whose delivery is in flight under one key is never planned under another,
 * whatever changed its route since (destinations set, a restored dump, a room's members, a
 * group post split differently). Every route a pair can be planned on, against every key it
 * can be in flight under.
 */
const ids = ['E1', 'E2', 'E3'];
const contacts: Contact[] = ids.map((_, i) => ({
  account_id: 2001 + i, room_id: 12_001 + i, name: `社員${i + 1}`, chatwork_id: '', organization_id: 1, organization_name: 'Org', department: '',
}));
const users = new Map<string, HiManagerUser>(ids.map((id, i) => [id, { id, name: `社員${i + 1}`, email: `${id}@example.com` }]));
const links = new Map<string, Link>(ids.map((id, i) => [id, { accountId: 2001 + i, source: 'manual', linkedAt: '2026-11-24T00:00:00Z' }]));
const reminder: Reminder = { id: 'r1', type: 'survey', to: ids, unknownRecipients: [], title: 'Q4', due: '2026-12-04', url: 'https://example.com/s', record: 1, line: 1 };

/** Where a pair can be in flight: its DM, a post in room 77 (with or without others), a post in room 88. */
const IN_FLIGHT_KEYS: Record<string, string> = {
  dm: pairKey('r1', 'E1'),
  'room:77 (all three)': roomKey('r1', 77, ids.map((userId) => ({ userId }))),
  'room:77 (alone)': roomKey('r1', 77, [{ userId: 'E1' }]),
  'room:88': roomKey('r1', 88, ids.map((userId) => ({ userId }))),
};
/** The routes a pair can be planned on now. */
const ROUTES: { name: string; destination: Destination; extra?: Partial<PlanView>; planned: (key: string) => boolean }[] = [
  { name: 'dm', destination: 'dm', planned: (key) => key === pairKey('r1', 'E1') },
  { name: 'room:77', destination: 'room:77', planned: (key) => key.startsWith('r1\u001froom:77\u001f') },
  { name: 'room:88', destination: 'room:88', planned: (key) => key.startsWith('r1\u001froom:88\u001f') },
  // E1 is no longer a member of room 77, and non-members get a direct chat.
  {
    name: 'room:77, E1 not a member → DM', destination: 'room:77', planned: (key) => key === pairKey('r1', 'E1'),
    extra: { roomMembers: new Map([[77, new Set([2002, 2003])]]), nonMembers: { survey: 'dm' } },
  },
];

function plan(destination: Destination, state: PairState | undefined, extra: Partial<PlanView> = {}) {
  const pairStates = new Map<string, PairState>(state ? [[pairKey('r1', 'E1'), state]] : []);
  const view: PlanView = { users, links, destinations: { survey: destination, praise: 'dm', 'update-survey': 'dm' }, templates: {}, pairStates, ...extra };
  return planDeliveries([reminder], view, directChatsOf(contacts), 'ja');
}
const keysOfE1 = (deliveries: ReturnType<typeof plan>['deliveries']) => deliveries.filter((d) => d.pairs.some(([, u]) => u === 'E1')).map((d) => d.key);

describe('a pair in flight under one key is never planned under another', () => {
  for (const [where, key] of Object.entries(IN_FLIGHT_KEYS)) {
    for (const route of ROUTES) {
      const same = route.planned(key);
      it(`in flight in ${where}, now routed ${route.name}: ${same ? 'planned under the same key (the send looks in the room first)' : 'skipped as in-flight'}`, () => {
        const { deliveries, skips } = plan(route.destination, { key, status: 'in-flight', outbox: false }, route.extra);
        const planned = keysOfE1(deliveries);
        if (same) {
          expect(planned).toEqual([key]);
          expect(skips.filter((s) => s.recipient === 'E1')).toEqual([]);
        } else {
          expect(planned).toEqual([]);
          expect(skips).toContainEqual({ reminderId: 'r1', recipient: 'E1', reason: 'in-flight' });
        }
        // The others are planned as usual.
        expect(deliveries.flatMap((d) => d.pairs.map(([, u]) => u)).toSorted()).toEqual(['E2', 'E3']
          .concat(planned.length ? ['E1'] : []).toSorted());
      });
    }
  }

  it('a delivery whose room could not be read this run (unsettled): its pairs are planned under no key, not even its own', () => {
    for (const [where, key] of Object.entries(IN_FLIGHT_KEYS)) {
      const destination = where === 'dm' ? 'dm' : (where.split(' ')[0] as Destination);
      const { deliveries, skips } = plan(destination, { key, status: 'in-flight', outbox: false }, { unsettled: new Set([key]) });
      expect(keysOfE1(deliveries), where).toEqual([]);
      expect(skips).toContainEqual({ reminderId: 'r1', recipient: 'E1', reason: 'in-flight' });
    }
  });

  it('in flight from the outbox: still goes out from there, never planned (already-deferred)', () => {
    const { deliveries, skips } = plan('dm', { key: IN_FLIGHT_KEYS['room:77 (all three)']!, status: 'in-flight', outbox: true });
    expect(keysOfE1(deliveries)).toEqual([]);
    expect(skips).toContainEqual({ reminderId: 'r1', recipient: 'E1', reason: 'already-deferred' });
  });

  it('failed or closed as not posted: planned again on the route of now', () => {
    for (const route of ROUTES) {
      const { deliveries } = plan(route.destination, { key: IN_FLIGHT_KEYS['room:88']!, status: 'failed', outbox: false, reason: 'not-posted' }, route.extra);
      expect(keysOfE1(deliveries)).toHaveLength(1);
    }
  });

  it('a group post left in flight that no longer fits one message (its template grew): its people are held back, never re-split under new keys', () => {
    const people = ['E1', 'E2', 'E3'].map((userId) => ({ userId }));
    const key = roomKey('r1', 77, people);
    const states = new Map<string, PairState>(people.map((p) => [pairKey('r1', p.userId), { key, status: 'in-flight', outbox: false }]));
    const fits = roomPosts('r1', 77, people, { fixedLength: 100, toCount: 1 }, () => 10, states);
    expect(fits).toEqual({ posts: [{ key, recipients: people }], held: [] });
    const tooBig = roomPosts('r1', 77, [...people, { userId: 'E4' }], { fixedLength: MAX_BODY - 25, toCount: 1 }, () => 10, states);
    expect(tooBig.held).toEqual(people);
    expect(tooBig.posts.flatMap((p) => p.recipients)).toEqual([{ userId: 'E4' }]);
  });
});
