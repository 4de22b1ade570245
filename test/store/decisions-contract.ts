import { expect, it } from 'vitest';
import type { Link } from '../../src/domain.js';
import type { Store } from '../../src/store/store.js';

const link = (accountId: number, source: Link['source'] = 'manual', linkedAt = '2026-11-24T01:00:00.000Z'): Link => ({ accountId, source, linkedAt });
const rows = async (store: Store, userIds?: string[]) => (await store.decisions.history(userIds))
  .map((e) => [e.userId, e.accountId, e.source, e.confirmed, e.unlinkedAt ?? null, e.reason ?? null]);

/** Rejected pairs and the link history (migration 7): the same on both backends. Called inside storeContract. */
export function decisionsContract(current: () => Store): void {
  it('remembers rejections until taken back; rejecting a linked pair ends that link as rejected, in one transaction', async () => {
    const store = current();
    await store.links.set(new Map([['u1', link(10)], ['u2', link(20)]]), { confirmed: true });
    expect(await store.decisions.reject({ userId: 'u1', accountId: 11, at: '2026-11-25T00:00:00.000Z', by: 'link reject' })).toEqual({ added: true, unlinked: false });
    expect(await store.decisions.reject({ userId: 'u1', accountId: 11, at: '2026-11-25T00:00:01.000Z', by: 'again' })).toEqual({ added: false, unlinked: false });
    expect(await store.decisions.reject({ userId: 'u2', accountId: 20, at: '2026-11-25T00:00:02.000Z', by: 'review' })).toEqual({ added: true, unlinked: true });
    expect([...(await store.links.all()).keys()]).toEqual(['u1']);
    expect(await store.decisions.rejections()).toEqual([
      { userId: 'u1', accountId: 11, at: '2026-11-25T00:00:00.000Z', by: 'link reject' },
      { userId: 'u2', accountId: 20, at: '2026-11-25T00:00:02.000Z', by: 'review' },
    ]);
    expect(await rows(store, ['u2'])).toEqual([['u2', 20, 'manual', true, '2026-11-25T00:00:02.000Z', 'rejected']]);
    expect(await store.decisions.undoRejection('u1', 11)).toBe(true);
    expect(await store.decisions.undoRejection('u1', 11)).toBe(false);
    expect((await store.decisions.rejections()).map((r) => [r.userId, r.accountId])).toEqual([['u2', 20]]);
  });

  it('writes a history row for every link that starts and closes it with the reason it ended', async () => {
    const store = current();
    await store.links.set(new Map([['a', link(1, 'auto')]]), { confirmed: false });
    await store.links.set(new Map([['b', link(2)]]), { confirmed: true });
    // Changed by hand: the old one was a mistake unless told otherwise.
    await store.links.set(new Map([['a', link(3)]]), { confirmed: true, at: '2026-11-26T00:00:00.000Z' });
    // Relinked after the contact was removed: not a mistake.
    await store.links.set(new Map([['b', link(4)]]), { confirmed: true, reason: 'contact-gone', at: '2026-11-27T00:00:00.000Z' });
    expect(await store.links.remove(['a', 'nobody'], { at: '2026-11-28T00:00:00.000Z' })).toEqual(['a']);
    await store.links.replace(new Map([['c', link(5, 'import')]]), { prune: true, confirmed: true, at: '2026-11-29T00:00:00.000Z' });
    expect(await rows(store)).toEqual([
      ['a', 1, 'auto', false, '2026-11-26T00:00:00.000Z', 'corrected'],
      ['b', 2, 'manual', true, '2026-11-27T00:00:00.000Z', 'contact-gone'],
      ['a', 3, 'manual', true, '2026-11-28T00:00:00.000Z', 'unlinked'],
      ['b', 4, 'manual', true, '2026-11-29T00:00:00.000Z', 'pruned'],
      ['c', 5, 'import', true, null, null],
    ]);
    expect((await rows(store, ['c', 'b'])).map((r) => r[1])).toEqual([2, 4, 5]);
    // A refused or kept link writes nothing.
    await store.links.set(new Map([['d', link(5)]]));
    await store.links.set(new Map([['c', link(9)]]), { onlyIfUnlinked: true });
    expect(await store.decisions.history()).toHaveLength(5);
  });
}

/** The decisions travel in a dump: exported, restored into another store, and restoring twice adds nothing. */
export function decisionsDumpContract(current: () => Store, another: () => Promise<Store>): void {
  it('exports rejections and the link history, and restores them once', async () => {
    const store = current();
    await store.links.set(new Map([['u1', link(10)]]), { confirmed: true });
    await store.links.remove(['u1'], { at: '2026-11-26T00:00:00.000Z' });
    await store.decisions.reject({ userId: 'u2', accountId: 20, at: '2026-11-25T00:00:00.000Z', by: 'link reject (host, run x)' });
    const records = [];
    for await (const record of store.exportRecords()) records.push(record);
    expect(records.filter((r) => r.kind === 'rejection' || r.kind === 'linkHistory')).toEqual([
      { kind: 'rejection', userId: 'u2', accountId: 20, at: '2026-11-25T00:00:00.000Z', by: 'link reject (host, run x)' },
      { kind: 'linkHistory', userId: 'u1', accountId: 10, source: 'manual', confirmed: true, linkedAt: '2026-11-24T01:00:00.000Z', unlinkedAt: '2026-11-26T00:00:00.000Z', reason: 'unlinked' },
    ]);
    const target = await another();
    try {
      await target.restore(records);
      await target.restore(records);
      expect(await target.decisions.rejections()).toEqual(await store.decisions.rejections());
      expect(await target.decisions.history()).toEqual(await store.decisions.history());
    } finally {
      await target.close();
    }
  });
}
