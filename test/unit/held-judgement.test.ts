import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldView, sortHeld, withdrawHeld, withdrawStaleHeld, type HeldView, type Withdrawal } from '../../src/delivery/held.js';
import type { Link } from '../../src/domain.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { DeliveryEntry, DeliveryLedger, SkipRecord, Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * A held delivery keeps the body, the room and the mentions it was planned with. Before it goes
 * out it is judged again: the destination, the link, the person still in the directory, an
 * answer since. One that no longer fits is withdrawn (one in flight waits), never posted into
 * the old direct chat or room.
 */
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '' });
const held = (key: string, pairs: [string, string, string?][], over: Partial<DeliveryEntry> = {}): DeliveryEntry => ({
  key, roomId: 100, pairs: pairs as DeliveryEntry['pairs'], bodyHash: 'h', intentAt: 0, status: 'deferred', at: 0, kind: 'message',
  deferred: { body: '[To:1]A [To:2]B', type: 'survey', until: 1 }, ...over,
});
const baseView = (over: Partial<HeldView> = {}): HeldView => ({
  links: new Map([['a', link(1)], ['b', link(2)]]), inDirectory: new Set(['a', 'b']), destinations: { survey: 'dm', praise: 'room:100' }, ...over,
});
const causesOf = (entries: DeliveryEntry[], view: HeldView) => {
  const { keep, withdraw, stuck } = sortHeld(entries, view);
  return { keep: keep.map((e) => e.key), stuck: stuck.map((e) => e.key), withdraw: withdraw.map((w) => [w.entry.key, Object.fromEntries(w.causes)]) };
};

describe('a held direct chat', () => {
  it('still goes while the destination is dm and the person is linked to the account of that chat', () => {
    const chats = new Map([[1, { accountId: 1, roomId: 100 } as never]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ chats }))).toEqual({ keep: ['k'], stuck: [], withdraw: [] });
    // Without the chats at hand the link alone is judged.
    expect(causesOf([held('k', [['r', 'a']])], baseView())).toEqual({ keep: ['k'], stuck: [], withdraw: [] });
  });

  it('is withdrawn when the person was linked to another account since (another direct chat), or none', () => {
    const chats = new Map([[1, { accountId: 1, roomId: 555 } as never]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ chats })).withdraw).toEqual([['k', { a: 'relinked' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ chats: new Map() })).withdraw).toEqual([['k', { a: 'relinked' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ links: new Map() })).withdraw).toEqual([['k', { a: 'unlinked' }]]);
  });

  it('is withdrawn when the person left the directory, or answered; an answer is told first', () => {
    expect(causesOf([held('k', [['r', 'a']])], baseView({ inDirectory: new Set() })).withdraw).toEqual([['k', { a: 'user-removed' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ inDirectory: new Set(), links: new Map(), answered: new Set(['r\u001fa']) })).withdraw)
      .toEqual([['k', { a: 'answered' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ answered: new Set(['s\u001fa', 'r\u001fb']) })).keep).toEqual(['k']);
  });

  it('is withdrawn for everyone when its type is off or has no destination, or now goes to a group chat', () => {
    expect(causesOf([held('k', [['r', 'a']])], baseView({ destinations: { survey: 'off' } })).withdraw).toEqual([['k', { a: 'destination-off' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ destinations: {} })).withdraw).toEqual([['k', { a: 'destination-off' }]]);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ destinations: { survey: 'room:100' } })).withdraw).toEqual([['k', { a: 'destination-changed' }]]);
    // A group chat type whose non-members get a direct chat: a held direct chat still fits.
    expect(causesOf([held('k', [['r', 'a']])], baseView({ destinations: { survey: 'room:100' }, nonMembers: { survey: 'dm' } })).keep).toEqual(['k']);
    expect(causesOf([held('k', [['r', 'a']])], baseView({ destinations: { survey: 'room:100' }, nonMembers: { survey: 'skip', praise: 'dm' } })).withdraw)
      .toEqual([['k', { a: 'destination-changed' }]]);
  });

  it('is judged by the type it was held as, or the entry\'s own when it has none', () => {
    const praise = held('k', [['r', 'a']], { deferred: { body: '', type: 'praise', until: 1 }, type: 'survey' });
    expect(causesOf([praise], baseView()).withdraw).toEqual([['k', { a: 'destination-changed' }]]);
    const typed = held('k', [['r', 'a']], { deferred: undefined, type: 'survey' });
    expect(causesOf([typed], baseView()).keep).toEqual(['k']);
    const untyped = held('k', [['r', 'a']], { deferred: undefined });
    expect(causesOf([untyped], baseView()).withdraw).toEqual([['k', { a: 'destination-off' }]]);
  });
});

describe('a held group chat post', () => {
  const room = (over: Partial<DeliveryEntry> = {}) => held('r\u001froom:100\u001fh', [['r', 'a'], ['r', 'b']], { deferred: { body: '[To:1]A [To:2]B', type: 'praise', until: 1 }, ...over });

  it('still goes to the same room while its mentions are the accounts linked now', () => {
    expect(causesOf([room()], baseView()).keep).toEqual(['r\u001froom:100\u001fh']);
  });

  it('one person no longer right withdraws it for everyone; another room is a changed destination', () => {
    expect(causesOf([room()], baseView({ links: new Map([['a', link(1)], ['b', link(3)]]) })).withdraw)
      .toEqual([['r\u001froom:100\u001fh', { a: 'with-others', b: 'relinked' }]]);
    expect(causesOf([room({ roomId: 200 })], baseView()).withdraw).toEqual([['r\u001froom:100\u001fh', { a: 'destination-changed', b: 'destination-changed' }]]);
  });

  it('a task names nobody in its body: its assignees are the links when it goes', () => {
    const task = room({ kind: 'task', deferred: { body: 'no mentions', type: 'praise', until: 1 } });
    expect(causesOf([task], baseView({ links: new Map([['a', link(7)], ['b', link(8)]]) })).keep).toEqual([task.key]);
    const message = room({ deferred: { body: 'no mentions', type: 'praise', until: 1 } });
    expect(causesOf([message], baseView()).withdraw).toEqual([[message.key, { a: 'relinked', b: 'relinked' }]]);
  });

  it('one in flight may be out already: neither withdrawn nor sent, it waits', () => {
    expect(causesOf([room({ status: 'in-flight' }), held('k', [['r', 'b']], { status: 'in-flight' })], baseView({ inDirectory: new Set(['b']) })))
      .toEqual({ keep: ['k'], stuck: ['r\u001froom:100\u001fh'], withdraw: [] });
  });
});

describe('withdrawing', () => {
  it('writes one history line per pair with its cause (with-others for the rest), its round, and counts what a run did not take first', async () => {
    const calls: [string, SkipRecord[]][] = [];
    const ledger = { withdraw: async (key: string, reasons: SkipRecord[]) => { calls.push([key, reasons]); return key !== 'taken'; } } as unknown as DeliveryLedger;
    const withdrawals: Withdrawal[] = [
      { entry: held('k', [['r', 'a', 'd1'], ['r', 'b']]), causes: new Map([['a', 'unlinked']]) },
      { entry: held('taken', [['r', 'a']], { deferred: undefined, type: 'praise' }), causes: new Map([['a', 'answered']]) },
    ];
    expect(await withdrawHeld(ledger, withdrawals, 77)).toBe(1);
    expect(calls).toEqual([
      ['k', [
        { reminderId: 'r', userId: 'a', type: 'survey', reason: 'withdrawn-unlinked', at: 77, round: 'd1' },
        { reminderId: 'r', userId: 'b', type: 'survey', reason: 'withdrawn-with-others', at: 77 },
      ]],
      ['taken', [{ reminderId: 'r', userId: 'a', type: 'praise', reason: 'withdrawn-answered', at: 77 }]],
    ]);
  });
});

describe('after a change of links or destinations, on a real store', () => {
  let dir: string;
  let store: Store;
  const T = Date.UTC(2026, 11, 1, 0, 0, 0);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hmcw-held-'));
    store = await openSqliteStore(join(dir, 'state.db'), { clock: createFakeClock(T), configDir: dir });
  });
  afterAll(async () => { await store?.close(); await rm(dir, { recursive: true, force: true }); });

  it('withdraws at once every held delivery that no longer fits, and leaves the rest', async () => {
    expect(await withdrawStaleHeld(store, T)).toBe(0);
    const [a, b] = [{ id: 'a', name: 'A', email: 'a@x.jp' }, { id: 'b', name: 'B', email: 'b@x.jp' }];
    await store.users.replaceAll([a, b]);
    // Retired by a directory sync: still known by id, no longer in the directory.
    await store.users.applyDirectory(() => ({
      write: { upsert: [{ user: { id: 'c', name: 'C', email: 'c@x.jp', status: 'retired', retiredAt: '2026-11-30T00:00:00Z' }, position: 2, statusSource: 'file' }], endLinks: [], at: '2026-11-30T00:00:00Z', reason: 'retired' },
      result: undefined,
    }));
    expect((await store.users.byIds(['c'])).get('c')?.status).toBe('retired');
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
    await store.destinations.set('survey', 'room:100');
    await store.config.update((config) => { config.nonMembers = { survey: 'dm' }; });
    const defer = (key: string, userId: string) => store.deliveries.defer({ key, roomId: 10, pairs: [['r', userId]], bodyHash: 'h', type: 'survey', at: T, body: 'b', until: T + 1 });
    await defer('for-a', 'a');
    await defer('for-c', 'c');
    await store.links.remove(['b']);
    await defer('for-b', 'b');
    expect(await withdrawStaleHeld(store, T + 5)).toBe(2);
    expect((await store.deliveries.outbox()).map((e) => e.key)).toEqual(['for-a']);
    const reasons: Record<string, string | undefined> = {};
    for await (const row of store.history.query({ status: 'withdrawn' })) reasons[row.userId] = row.reason;
    // A retired person is no longer in the directory, linked or not.
    expect(reasons).toEqual({ b: 'withdrawn-unlinked', c: 'withdrawn-user-removed' });
    await store.config.update((config) => { delete config.nonMembers; });
    expect(await withdrawStaleHeld(store, T + 6)).toBe(1);
    expect(await store.deliveries.outbox()).toEqual([]);
  });

  it('a run\'s view has the links and the directory of the held deliveries\' people, and the chats and answers it was given', async () => {
    const entries = [held('x', [['r', 'a'], ['s', 'a']]), held('y', [['r', 'zz']])];
    const chats = new Map([[1, { accountId: 1, roomId: 10 } as never]]);
    const answered = new Set(['r\u001fa']);
    const view = await heldView(store, entries, chats, answered);
    expect([...view.links.keys()]).toEqual(['a']);
    expect([...view.inDirectory]).toEqual(['a']);
    expect(view.destinations).toEqual({ survey: 'room:100' });
    expect(view.nonMembers).toBeUndefined();
    expect(view.chats).toBe(chats);
    expect(view.answered).toBe(answered);
    expect(Object.keys(await heldView(store, entries)).sort()).toEqual(['destinations', 'inDirectory', 'links']);
  });
});
