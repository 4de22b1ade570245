import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HiManagerUser, Link } from '../../src/domain.js';
import type { StoredUser, Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * The directory and the links in a real SQLite store: one contact, one person, whatever the order
 * of a call; what a write records in the link history and the audit; the lookups by id and e-mail.
 */
let fixture: DeliveryFixture;
let store: Store;
beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-directory-'); store = fixture.store; });
afterEach(() => fixture.close());

const AT = '2026-11-24T01:00:00.000Z';
const link = (accountId: number, source: Link['source'] = 'manual', linkedAt = AT): Link => ({ accountId, source, linkedAt });
const user = (id: string, extra: Partial<HiManagerUser> = {}): HiManagerUser => ({ id, name: `User ${id}`, email: `${id.toLowerCase()}@example.com`, ...extra });
const accounts = async () => [...(await store.links.all())].map(([id, l]) => `${id}=${l.accountId}`);
const ended = async () => (await store.decisions.history()).filter((e) => e.unlinkedAt !== undefined).map((e) => `${e.userId}:${e.accountId}:${e.reason}`).sort();

describe('links: never two people on one contact', () => {
  it('two new users on one contact in one call: the smaller id keeps it, in whatever order the call lists them', async () => {
    expect(await store.links.set(new Map([['n2', link(7)], ['n3', link(7)], ['n1', link(7)]])))
      .toEqual({ added: ['n1'], changed: [], removed: [], refused: [{ userId: 'n2', owner: 'n1' }, { userId: 'n3', owner: 'n1' }] });
    expect(await accounts()).toEqual(['n1=7']);
  });

  it('the one who holds a contact keeps it; a newcomer\'s refusal leaves them unlinked, a linked user keeps their own link', async () => {
    await store.links.set(new Map([['b', link(1)], ['c', link(2)]]));
    expect(await store.links.set(new Map([['a', link(1)], ['c', link(1)]])))
      .toEqual({ added: [], changed: [], removed: [], refused: [{ userId: 'a', owner: 'b' }, { userId: 'c', owner: 'b' }] });
    expect(await accounts()).toEqual(['b=1', 'c=2']);
  });

  it('a swap of two contacts between two users is judged whole, and allowed', async () => {
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
    expect(await store.links.set(new Map([['a', link(2)], ['b', link(1)]]))).toEqual({ added: [], changed: ['a', 'b'], removed: [], refused: [] });
    expect(await accounts()).toEqual(['a=2', 'b=1']);
  });

  it('with prune, a contact freed by a user the file drops may go to another, and a refused user absent from the file loses their link', async () => {
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
    expect(await store.links.replace(new Map([['c', link(1)]]), { prune: true }))
      .toEqual({ added: ['c'], changed: [], removed: ['a', 'b'], refused: [] });
    expect(await ended()).toEqual(['a:1:pruned', 'b:2:pruned']);
  });

  it('onlyIfUnlinked keeps an existing link, even a different one, and still adds the unlinked', async () => {
    await store.links.set(new Map([['a', link(1)]]));
    expect(await store.links.set(new Map([['a', link(5)], ['b', link(6)]]), { onlyIfUnlinked: true })).toEqual({ added: ['b'], changed: [], removed: [], refused: [] });
    expect(await accounts()).toEqual(['a=1', 'b=6']);
  });

  it('rewriting the same account with another source or date updates the row without a change or a history entry', async () => {
    await store.links.set(new Map([['a', link(1, 'auto')]]));
    expect(await store.links.set(new Map([['a', link(1, 'manual', '2026-12-01T00:00:00.000Z')]]))).toEqual({ added: [], changed: [], removed: [], refused: [] });
    expect((await store.links.all()).get('a')).toEqual(link(1, 'auto'));
    expect(await store.links.replace(new Map([['a', link(1, 'import', '2026-12-01T00:00:00.000Z')]]), { prune: false })).toEqual({ added: [], changed: [], removed: [], refused: [] });
    expect(await ended()).toEqual([]);
  });
});

describe('links: what a write records', () => {
  it('a change ends the old link as corrected, a removal as unlinked, unless the caller names the reason', async () => {
    await store.links.set(new Map([['a', link(1)], ['b', link(2)], ['c', link(3)]]), { confirmed: true });
    await store.links.set(new Map([['a', link(4)]]));
    await store.links.set(new Map([['b', link(5)]]), { reason: 'contact-gone' });
    expect(await store.links.remove(['c', 'ghost'])).toEqual(['c']);
    expect(await ended()).toEqual(['a:1:corrected', 'b:2:contact-gone', 'c:3:unlinked']);
    await store.links.remove(['a'], { reason: 'reset' });
    expect(await ended()).toEqual(['a:1:corrected', 'a:4:reset', 'b:2:contact-gone', 'c:3:unlinked']);
    const started = (await store.decisions.history()).filter((e) => e.accountId <= 3).map((e) => [e.userId, e.confirmed]);
    expect(started).toEqual(expect.arrayContaining([['a', true], ['b', true], ['c', true]]));
    expect((await store.decisions.history()).find((e) => e.accountId === 4)?.confirmed).toBe(false);
  });

  it('the audit names each add, change and removal with its account', async () => {
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
    await store.links.replace(new Map([['a', link(3, 'import')]]), { prune: true });
    const rows = (await store.audit.list({ limit: 0 })).reverse().map((r) => [r.action, r.subject, r.detail]);
    expect(rows).toEqual([
      ['link.add', 'a', { accountId: 1, source: 'manual' }], ['link.add', 'b', { accountId: 2, source: 'manual' }],
      ['link.change', 'a', { before: 1, after: 3 }], ['link.remove', 'b', { accountId: 2, reason: 'pruned' }],
    ]);
  });

  it('counts, lists in user order, and finds by user ids in batches', async () => {
    const many = new Map(Array.from({ length: 1_050 }, (_, i) => [`u${String(i).padStart(4, '0')}`, link(10_000 + i)]));
    await store.links.set(many);
    expect(await store.links.count()).toBe(1_050);
    expect([...(await store.links.all()).keys()].slice(0, 2)).toEqual(['u0000', 'u0001']);
    const found = await store.links.byUserIds([...many.keys(), 'nobody']);
    expect(found.size).toBe(1_050);
    expect(found.get('u1049')).toEqual(link(11_049));
  });
});

describe('users: lookups and the replaced directory', () => {
  it('replaceAll sees a change of department or reading as a change, and nothing else as one', async () => {
    await store.users.replaceAll([user('a'), user('b', { department: '人事部' }), user('c', { reading: 'しー' }), user('d')]);
    expect(await store.users.replaceAll([user('a'), user('b'), user('c', { reading: 'しい' }), user('d', { department: '営業部' })]))
      .toEqual({ added: [], changed: ['b', 'c', 'd'], removed: [], orphanedLinks: [] });
    expect(await store.users.replaceAll([user('a', { email: 'new@example.com' }), user('b'), user('c', { reading: 'しい' }), user('d', { department: '営業部' })]))
      .toEqual({ added: [], changed: ['a'], removed: [], orphanedLinks: [] });
  });

  it('lookup finds by id or by e-mail in any case, width and spacing, each user once, and leaves out the unknown', async () => {
    await store.users.replaceAll([user('E1'), user('E2'), user('E3')]);
    const found = await store.users.lookup([' E1 ', 'E2@EXAMPLE.COM', 'Ｅ2@example.com', 'E1@example.com', 'nobody']);
    expect(found.map((u) => u.id).sort()).toEqual(['E1', 'E2']);
    expect(await store.users.lookup([])).toEqual([]);
  });

  it('find by e-mail prefers the person in the directory over a retired one with the same address', async () => {
    await store.users.replaceAll([user('old', { email: 'same@example.com' }), user('new', { email: 'same@example.com' })]);
    expect((await store.users.find('same@example.com'))?.id).toBe('old');
    await store.users.applyDirectory(() => ({
      result: undefined,
      write: { upsert: [{ user: { ...user('old', { email: 'same@example.com' }), status: 'retired', retiredAt: AT }, position: 0, statusSource: 'file' }], endLinks: [], at: AT, reason: 'retired' },
    }));
    expect((await store.users.find('SAME@example.com'))?.id).toBe('new');
    expect((await store.users.find(' old '))?.status).toBe('retired');
  });

  it('applyDirectory ends only the links it names, closing their history as retired', async () => {
    await store.users.replaceAll([user('a'), user('b')]);
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]), { confirmed: true });
    await store.users.applyDirectory(() => ({ result: undefined, write: { upsert: [], endLinks: ['a'], at: AT, reason: 'retired' } }));
    expect(await accounts()).toEqual(['b=2']);
    expect(await ended()).toEqual(['a:1:retired']);
    // Readded later: retirement is not a mistake, so the account is still recognised as theirs.
    expect((await store.decisions.history()).find((e) => e.userId === 'a')).toMatchObject({ confirmed: true, reason: 'retired', unlinkedAt: AT });
  });

  it('applyDirectory writes each field of a row, and more rows than one statement holds', async () => {
    const many: StoredUser[] = Array.from({ length: 450 }, (_, i) => ({ user: user(`u${String(i).padStart(3, '0')}`), position: i, statusSource: 'file' }));
    many[1] = { user: user('u001', { department: '人事部', reading: 'ゆー', status: 'on-leave', managerId: 'u000' }), position: 1, statusSource: 'command' };
    await store.users.applyDirectory(() => ({ result: undefined, write: { upsert: many, endLinks: [], at: AT, reason: 'retired' } }));
    expect(await store.users.count()).toBe(450);
    const current = await store.users.applyDirectory((c) => ({ result: c.users.slice(0, 2) }));
    expect(current).toEqual([
      { user: user('u000'), position: 0, statusSource: 'file' },
      { user: user('u001', { department: '人事部', reading: 'ゆー', status: 'on-leave', managerId: 'u000' }), position: 1, statusSource: 'command' },
    ]);
  });
});

describe('destinations', () => {
  it('refuses an invalid destination naming the field, writing nothing; an unchanged one writes no audit row', async () => {
    await expect(store.destinations.set('survey', 'room:abc' as never)).rejects.toMatchObject({ key: 'state.invalidSetting', params: { field: 'destinations.survey', reason: 'room:abc' } });
    expect(await store.destinations.all()).toEqual({});
    await store.destinations.set('survey', 'dm');
    await store.destinations.set('survey', 'dm');
    await store.destinations.set('survey', undefined);
    await store.destinations.set('survey', undefined);
    expect((await store.audit.list({ limit: 0 })).reverse().map((r) => r.detail)).toEqual([{ before: null, after: 'dm' }, { before: 'dm', after: null }]);
  });
});
