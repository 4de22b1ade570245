import { expect, it } from 'vitest';
import type { Link } from '../../src/domain.js';
import type { Store } from '../../src/store/store.js';

const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-11-24T01:00:00.000Z' });

/** Migration 10: every admin write leaves one audit row, in its own transaction, on both backends. */
export function auditContract(store: () => Store): void {
  it('records links, decisions, destinations and settings with who and where; nothing for a write that changed nothing', async () => {
    const s = store();
    s.audit.actAs({ who: 'hr-admin', where: 'console' });
    await s.links.set(new Map([['a', link(1)]]));
    await s.links.set(new Map([['a', link(1)]]), { onlyIfUnlinked: true });
    await s.links.set(new Map([['a', link(2)]]));
    await s.decisions.reject({ userId: 'a', accountId: 2, at: '2026-11-24T02:00:00.000Z', by: 'test' });
    await s.decisions.undoRejection('a', 2);
    await s.decisions.undoRejection('a', 2);
    s.audit.actAs({ who: 'ops', where: 'cli' });
    await s.destinations.set('survey', 'dm');
    await s.destinations.set('survey', 'dm');
    await s.config.update((c) => { c.messageLang = 'en'; });
    await s.config.update((c) => { c.alertMemory = { roomId: 1, open: {} }; });
    await s.links.set(new Map([['b', link(3)]]));
    await s.links.remove(['b']);
    const rows = (await s.audit.list({ limit: 0 })).reverse();
    expect(rows.map((r) => [r.who, r.where, r.action, r.subject, r.detail])).toEqual([
      ['hr-admin', 'console', 'link.add', 'a', { accountId: 1, source: 'manual' }],
      ['hr-admin', 'console', 'link.change', 'a', { before: 1, after: 2 }],
      ['hr-admin', 'console', 'link.reject', 'a', { accountId: 2, unlinked: true }],
      ['hr-admin', 'console', 'link.unreject', 'a', { accountId: 2 }],
      ['ops', 'cli', 'destination.set', 'survey', { before: null, after: 'dm' }],
      ['ops', 'cli', 'setting.set', 'messageLang', { before: 'ja', after: 'en' }],
      ['ops', 'cli', 'link.add', 'b', { accountId: 3, source: 'manual' }],
      ['ops', 'cli', 'link.remove', 'b', { accountId: 3, reason: 'unlinked' }],
    ]);
    expect((await s.audit.list({ limit: 2 })).map((r) => r.action)).toEqual(['link.remove', 'link.add']);
    expect((await s.audit.list({ subject: 'survey' })).map((r) => r.action)).toEqual(['destination.set']);
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.at)))).toBe(true);
  });

  it('writes no audit row for a write that fails (same transaction)', async () => {
    const s = store();
    await expect(s.destinations.set('survey', 'nonsense' as never)).rejects.toThrow();
    expect(await s.audit.list()).toEqual([]);
  });
}
