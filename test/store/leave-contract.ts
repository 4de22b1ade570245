import { expect, it } from 'vitest';
import type { LeavePeriod, Store } from '../../src/store/store.js';

const period = (userId: string, source: LeavePeriod['source'], from: string, until?: string, reason?: string): LeavePeriod => ({
  userId, source, from, ...(until ? { until } : {}), ...(reason ? { reason } : {}), setAt: '2026-12-01T00:00:00.000Z', setBy: 'test',
});

/** Leave periods (migration 0009): the same on both backends. Called inside storeContract. */
export function leaveContract(current: () => Store): void {
  it('keeps one period per person and source; the directory\'s are replaced whole, the command\'s stay; clear removes both', async () => {
    const store = current();
    await store.leave.set(period('u1', 'command', '2026-12-01', '2026-12-10', '育休'));
    await store.leave.set(period('u1', 'command', '2026-12-02', '2026-12-11'));
    await store.leave.replaceDirectory([period('u1', 'directory', '2026-12-05'), period('u2', 'directory', '2026-11-01', '2027-01-31', '産休')]);
    expect(await store.leave.all()).toEqual([
      period('u1', 'command', '2026-12-02', '2026-12-11'), period('u1', 'directory', '2026-12-05'), period('u2', 'directory', '2026-11-01', '2027-01-31', '産休'),
    ]);
    await store.leave.replaceDirectory([period('u3', 'directory', '2026-12-01')]);
    expect((await store.leave.all()).map((p) => [p.userId, p.source])).toEqual([['u1', 'command'], ['u3', 'directory']]);
    expect([...(await store.leave.byUserIds(['u1', 'u3', 'nobody'])).keys()]).toEqual(['u1', 'u3']);
    expect(await store.leave.clear('u1')).toBe(1);
    expect(await store.leave.clear('u1')).toBe(0);
    expect((await store.leave.all()).map((p) => p.userId)).toEqual(['u3']);
  });

  it('travels in a dump: exported as `leave` records and restored; a period the store has is kept', async () => {
    const store = current();
    await store.leave.set(period('u1', 'command', '2026-12-01', '2026-12-10', '育休'));
    await store.leave.replaceDirectory([period('u2', 'directory', '2026-11-01')]);
    const records = [];
    for await (const record of store.exportRecords()) if (record.kind === 'leave') records.push(record);
    expect(records).toEqual([
      { kind: 'leave', userId: 'u1', source: 'command', from: '2026-12-01', until: '2026-12-10', reason: '育休', setAt: '2026-12-01T00:00:00.000Z', setBy: 'test' },
      { kind: 'leave', userId: 'u2', source: 'directory', from: '2026-11-01', until: null, reason: null, setAt: '2026-12-01T00:00:00.000Z', setBy: 'test' },
    ]);
    const before = await store.leave.all();
    await store.leave.clear('u2');
    await store.leave.set(period('u1', 'command', '2027-01-01', '2027-01-02'));
    await store.restore(records);
    expect(await store.leave.all()).toEqual([period('u1', 'command', '2027-01-01', '2027-01-02'), before[1]]);
  });
}
