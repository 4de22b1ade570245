import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Link } from '../../src/domain.js';
import type { Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * Who keeps a contact when a write's refusals chain: a user whose move is refused keeps their old
 * link, so the contact they were to leave is not free for a newcomer; and a refusal names the
 * person who holds the contact once everything is judged.
 */
let fixture: DeliveryFixture;
let store: Store;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-link-owners-'); store = fixture.store; });
afterEach(() => fixture.close());

const AT = '2026-11-24T01:00:00.000Z';
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: AT });
const accounts = async () => [...(await store.links.all())].map(([id, l]) => `${id}=${l.accountId}`);

describe('links: refusals that chain', () => {
  it.each([['the mover first', ['c', 'a']], ['the newcomer first', ['a', 'c']]] as const)(
    'a user refused a move keeps their old contact, and the newcomer who asked for it is refused (%s)', async (_order, ids) => {
      await store.links.set(new Map([['b', link(1)], ['c', link(2)]]));
      const wanted = { c: link(1), a: link(2) };
      expect(await store.links.set(new Map(ids.map((id) => [id, wanted[id]]))))
        .toEqual({ added: [], changed: [], removed: [], refused: [{ userId: 'c', owner: 'b' }, { userId: 'a', owner: 'c' }] });
      expect(await accounts()).toEqual(['b=1', 'c=2']);
    });

  it('a refusal names who holds the contact in the end, not a newcomer who lost it later in the same write', async () => {
    await store.links.set(new Map([['b', link(1)], ['c', link(2)]]));
    expect(await store.links.set(new Map([['c', link(1)], ['n2', link(2)], ['n1', link(2)]])))
      .toEqual({ added: [], changed: [], removed: [], refused: [{ userId: 'c', owner: 'b' }, { userId: 'n2', owner: 'c' }, { userId: 'n1', owner: 'c' }] });
    expect(await accounts()).toEqual(['b=1', 'c=2']);
  });

  it('with prune, a user in the file refused a move keeps their own link, and only those the file leaves out are removed', async () => {
    await store.links.set(new Map([['b', link(1)], ['c', link(2)], ['d', link(3)]]));
    expect(await store.links.replace(new Map([['b', link(1)], ['c', link(1)]]), { prune: true }))
      .toEqual({ added: [], changed: [], removed: ['d'], refused: [{ userId: 'c', owner: 'b' }] });
    expect(await accounts()).toEqual(['b=1', 'c=2']);
  });

  it('a chain that ends in a free contact moves everyone along it', async () => {
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
    expect(await store.links.set(new Map([['a', link(2)], ['b', link(3)]]))).toEqual({ added: [], changed: ['a', 'b'], removed: [], refused: [] });
    expect(await accounts()).toEqual(['a=2', 'b=3']);
  });
});
