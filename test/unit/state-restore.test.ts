import { mkdtempSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryRecord, DumpRecord } from '../../src/store/dump-format.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

// A dump restored into a SQLite store and exported again, in-process: what goes in comes out, and
// a restore never takes a delivery back (the planner skips only 'sent': lowering it sends twice).
let root: string;
let store: Store;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmcw-restore-'));
  store = await openSqliteStore(join(root, 'state.db'), { clock: createFakeClock(), configDir: root });
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

async function exported(kind?: DumpRecord['kind']): Promise<DumpRecord[]> {
  const out: DumpRecord[] = [];
  for await (const record of store.exportRecords()) if (!kind || record.kind === kind) out.push(record);
  return out;
}

const HEADER: DumpRecord = { kind: 'header', format: 'himanager-chatwork-state', version: 2, exportedAt: '2026-12-02T00:00:00.000Z', schemaVersion: 9 };
const delivery = (key: string, extra: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  kind: 'delivery', key, reminderId: 'r1', type: 'survey', roomId: 3, bodyHash: `h-${key}`, intentAt: 10, status: 'in-flight', messageId: null,
  how: null, reason: null, at: 11, body: null, deferUntil: null, outbox: false, pairs: [['r1', `u-${key}`]], ...extra,
});

/** One record of every kind, with every optional field set one way or the other, in the order an export writes them. */
const EVERYTHING: DumpRecord[] = [
  { kind: 'setting', key: 'legacyImport', value: 'abc1' },
  { kind: 'setting', key: 'messageLang', value: 'en' },
  { kind: 'user', id: 'U1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部', reading: 'やまだ たろう', status: 'retired', statusSource: 'command', managerId: 'U2', retiredAt: '2026-12-01T00:00:00.000Z' },
  { kind: 'user', id: 'U2', name: '佐藤 花子', email: 'hanako@example.jp' },
  { kind: 'user', id: 'U0', name: '鈴木 一郎', email: 'ichiro@example.jp', status: 'on-leave' },
  { kind: 'link', userId: 'U1', accountId: 2001, source: 'auto', linkedAt: '2026-11-24T00:00:00.000Z' },
  { kind: 'link', userId: 'U2', accountId: Number.MAX_SAFE_INTEGER, source: 'import', linkedAt: '' },
  { kind: 'rejection', userId: 'U1', accountId: 3001, at: '2026-11-25T00:00:00.000Z', by: 'admin' },
  { kind: 'linkHistory', userId: 'U1', accountId: 2000, source: 'manual', confirmed: true, linkedAt: '2026-11-01T00:00:00.000Z', unlinkedAt: '2026-11-02T00:00:00.000Z', reason: 'corrected' },
  { kind: 'linkHistory', userId: 'U1', accountId: 2001, source: 'auto', confirmed: false, linkedAt: '2026-11-24T00:00:00.000Z', unlinkedAt: null, reason: null },
  { kind: 'destination', type: 'praise', destination: 'room:42' },
  { kind: 'destination', type: 'survey', destination: 'dm' },
  delivery('d1', { status: 'sent', messageId: 'm1', how: 'posted', pairs: [['r1', 'U1'], ['r1', 'U1', 'd3'], ['r1', 'U2']] }),
  delivery('d2', { reminderId: 'r2', type: 'praise', status: 'sent', messageId: 'm2', how: 'reconciled', body: 'x', deliveryKind: 'task', taskIds: ['41', '42'], taskLimit: 1_796_000_000,
    recall: { state: 'recalled', at: 20, reason: 'withdrawn' }, pairs: [['r2', 'U1', 'manager']] }),
  delivery('d3', { type: null, status: 'deferred', intentAt: 0, body: 'あとで', deferUntil: 9_000, outbox: true, reason: 'outside hours', recall: { state: 'failed', at: 21, reason: null } }),
  delivery('d4', { status: 'failed', reason: 'HTTP 403', deliveryKind: 'task', taskIds: [], taskLimit: null }),
  { kind: 'skip', reminderId: 'r1', userId: 'U0', type: 'survey', reason: 'not linked', at: 30 },
  { kind: 'skip', reminderId: 'r1', userId: 'U0', type: null, reason: 'on leave', at: 31, round: 'd1' },
  { kind: 'reminderInput', reminderId: 'r1', type: 'survey', title: '調査', due: '2026-12-10', firstSeenAt: 1, lastSeenAt: 2 },
  { kind: 'reminderInput', reminderId: 'r2', type: 'praise', title: '称賛', due: null, firstSeenAt: 3, lastSeenAt: 4 },
  { kind: 'reminderPerson', reminderId: 'r1', userId: 'U1', firstSeenAt: 1, lastSeenAt: 2, answeredAt: 5, answeredAfterRound: 'd3' },
  { kind: 'reminderPerson', reminderId: 'r1', userId: 'U2', firstSeenAt: 1, lastSeenAt: 2, answeredAt: null, answeredAfterRound: null },
  { kind: 'leave', userId: 'U0', source: 'command', from: '2026-12-01', until: null, reason: null, setAt: '2026-11-30T00:00:00.000Z', setBy: 'admin' },
  { kind: 'leave', userId: 'U0', source: 'directory', from: '2026-12-01', until: '2026-12-31', reason: '育休', setAt: '', setBy: 'users sync' },
  { kind: 'run', at: 100, startedAt: 90, delivered: 1, failed: 0, skipped: 2, deferred: 3, exitCode: 0, inWindow: null },
  { kind: 'run', at: 200, startedAt: 190, delivered: 0, failed: 1, skipped: 0, deferred: 0, exitCode: 3, inWindow: false,
    runId: 'a0000000-0000-4000-8000-000000000001', command: 'send-reminders', host: 'h1', pid: 77, version: '1.2.3', counts: { delivered: 0, byType: { survey: 1 } } },
  { kind: 'run', at: 300, startedAt: 290, delivered: 5, failed: 0, skipped: 0, deferred: 0, exitCode: 0, inWindow: true },
];

describe('a dump restored and exported again', () => {
  it('gives back every record exactly, every optional field present or absent', async () => {
    const result = await store.restore([HEADER, ...EVERYTHING]);
    expect(result).toEqual({ records: EVERYTHING.length + 1, kept: { deliveries: 0, pairs: 0 }, accountSkipped: false });
    const back = await exported();
    // A pair of round '' is written as two, as version 1 had it; pairs come ordered by person, then round.
    expect(back).toEqual(EVERYTHING);
  });

  it('writes what a record leaves out as the store\'s own defaults: an active person the file listed, a message', async () => {
    await store.restore(EVERYTHING);
    expect(await store.deliveries.entry('d1')).toMatchObject({ kind: 'message' });
    expect(await store.deliveries.entry('d2')).toMatchObject({ kind: 'task' });
    const db = new DatabaseSync(join(root, 'state.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT id, status, status_source FROM users ORDER BY position').all().map((r) => ({ ...r }))).toEqual([
        { id: 'U1', status: 'retired', status_source: 'command' }, { id: 'U2', status: 'active', status_source: 'file' }, { id: 'U0', status: 'on-leave', status_source: 'file' },
      ]);
      expect(db.prepare('SELECT key, kind FROM deliveries ORDER BY key').all().map((r) => ({ ...r }))).toEqual([
        { key: 'd1', kind: 'message' }, { key: 'd2', kind: 'task' }, { key: 'd3', kind: 'message' }, { key: 'd4', kind: 'task' },
      ]);
    } finally {
      db.close();
    }
  });

  it('restoring the same dump twice adds nothing: history, rejections, leave and runs once each', async () => {
    await store.restore([HEADER, ...EVERYTHING]);
    expect(await store.restore([HEADER, ...EVERYTHING])).toEqual({ records: EVERYTHING.length + 1, kept: { deliveries: 0, pairs: 0 }, accountSkipped: false });
    expect(await exported()).toEqual(EVERYTHING);
  });

  it('a run is the same run by its start and end, or by its run id', async () => {
    await store.restore(EVERYTHING.filter((r) => r.kind === 'run'));
    const [plain, onRecord] = EVERYTHING.filter((r) => r.kind === 'run') as Extract<DumpRecord, { kind: 'run' }>[];
    await store.restore([{ ...plain!, delivered: 9 }, { ...onRecord!, at: 201 }, { ...onRecord!, at: 200, startedAt: 180, runId: 'a0000000-0000-4000-8000-000000000002' },
      { ...plain!, at: 101 }, { ...plain!, startedAt: 91 }]);
    expect((await exported('run')).map((r) => r.kind === 'run' && [r.at, r.startedAt, r.delivered])).toEqual([
      [100, 90, 1], [200, 190, 0], [300, 290, 5], [200, 180, 0], [101, 90, 1], [100, 91, 1],
    ]);
  });

  it('the account that sends comes from a file only when trusted; otherwise it is left out and said so', async () => {
    const account = { kind: 'setting' as const, key: 'account', value: { accountId: 1000001, name: 'HiManager通知', chatworkId: 'hm' } };
    expect(await store.restore([HEADER, account, EVERYTHING[1]!])).toEqual({ records: 3, kept: { deliveries: 0, pairs: 0 }, accountSkipped: true });
    expect(await store.config.get()).toEqual({ templates: {}, messageLang: 'en' });
    expect(await store.restore([account], { trustAccount: true })).toMatchObject({ accountSkipped: false });
    expect((await store.config.get()).account).toEqual(account.value);
  });

  it('a person seen again keeps the place first given, after the people the store has; the rest of the record is the later one', async () => {
    await store.users.replaceAll([{ id: 'X1', name: '既存 一郎', email: 'x1@example.jp' }]);
    await store.restore([{ kind: 'user', id: 'A', name: 'A', email: 'a@example.jp' }, { kind: 'user', id: 'B', name: 'B', email: 'b@example.jp' },
      { kind: 'user', id: 'A', name: 'A2', email: 'a2@example.jp' }, { kind: 'user', id: 'X1', name: '既存 二郎', email: 'x1@example.jp' }]);
    expect(await store.users.all()).toEqual([
      { id: 'X1', name: '既存 二郎', email: 'x1@example.jp' }, { id: 'A', name: 'A2', email: 'a2@example.jp' }, { id: 'B', name: 'B', email: 'b@example.jp' },
    ]);
  });

  it('a link, a destination and a skip are replaced by the later; a rejection and a leave period the store has are kept', async () => {
    await store.restore(EVERYTHING);
    await store.restore([
      { kind: 'link', userId: 'U1', accountId: 2002, source: 'manual', linkedAt: '' },
      { kind: 'destination', type: 'praise', destination: 'off' },
      { kind: 'skip', reminderId: 'r1', userId: 'U0', type: 'survey', reason: 'later', at: 40 },
      { kind: 'rejection', userId: 'U1', accountId: 3001, at: '2026-12-25T00:00:00.000Z', by: 'someone else' },
      { kind: 'leave', userId: 'U0', source: 'command', from: '2027-01-01', until: null, reason: 'later', setAt: '', setBy: 'x' },
    ]);
    expect(await exported('link')).toEqual([{ kind: 'link', userId: 'U1', accountId: 2002, source: 'manual', linkedAt: '' }, EVERYTHING[6]]);
    expect((await exported('destination'))[0]).toEqual({ kind: 'destination', type: 'praise', destination: 'off' });
    expect((await exported('skip'))[0]).toEqual({ kind: 'skip', reminderId: 'r1', userId: 'U0', type: 'survey', reason: 'later', at: 40 });
    expect(await exported('rejection')).toEqual([EVERYTHING[7]]);
    expect(await exported('leave')).toEqual(EVERYTHING.filter((r) => r.kind === 'leave'));
  });

  it("the inputs over time: a later sighting wins, an older one is kept out, the first sighting stays the earliest; none of it counts as a delivery kept", async () => {
    await store.restore(EVERYTHING.filter((r) => r.kind === 'reminderInput' || r.kind === 'reminderPerson'));
    const result = await store.restore([
      { kind: 'reminderInput', reminderId: 'r1', type: 'praise', title: '古い', due: null, firstSeenAt: 0, lastSeenAt: 1 },
      { kind: 'reminderInput', reminderId: 'r2', type: 'survey', title: '新しい', due: '2027-01-01', firstSeenAt: 7, lastSeenAt: 8 },
      { kind: 'reminderPerson', reminderId: 'r1', userId: 'U1', firstSeenAt: 0, lastSeenAt: 9, answeredAt: null, answeredAfterRound: null },
      { kind: 'reminderPerson', reminderId: 'r1', userId: 'U2', firstSeenAt: 0, lastSeenAt: 9, answeredAt: null, answeredAfterRound: null },
    ]);
    expect(result.kept).toEqual({ deliveries: 0, pairs: 0 });
    expect(await exported('reminderInput')).toEqual([
      { kind: 'reminderInput', reminderId: 'r1', type: 'survey', title: '調査', due: '2026-12-10', firstSeenAt: 1, lastSeenAt: 2 },
      { kind: 'reminderInput', reminderId: 'r2', type: 'survey', title: '新しい', due: '2027-01-01', firstSeenAt: 3, lastSeenAt: 8 },
    ]);
    expect(await exported('reminderPerson')).toEqual([
      // Answered at 5: a sighting at 9 without an answer is later, and wins.
      { kind: 'reminderPerson', reminderId: 'r1', userId: 'U1', firstSeenAt: 1, lastSeenAt: 9, answeredAt: null, answeredAfterRound: null },
      { kind: 'reminderPerson', reminderId: 'r1', userId: 'U2', firstSeenAt: 1, lastSeenAt: 9, answeredAt: null, answeredAfterRound: null },
    ]);
  });
});

describe('a delivery twice in one dump: the further along is kept, the later on a tie, and an earlier one kept is counted as the store\'s would be', () => {
  const restoredStatus = async (first: Partial<DeliveryRecord>, second: Partial<DeliveryRecord>) => {
    const result = await store.restore([delivery('k', first), delivery('k', second)]);
    const [record] = await exported('delivery') as DeliveryRecord[];
    await store.restore([], { replace: true });
    return [record!.status, record!.recall?.state ?? null, record!.reason, result.kept.deliveries, result.kept.pairs];
  };
  const recall = (state: NonNullable<DeliveryRecord['recall']>['state']) => ({ recall: { state, at: 1, reason: null } });

  it('by status: sent over in flight over failed or deferred', async () => {
    expect(await restoredStatus({ status: 'sent', messageId: 'm' }, { status: 'in-flight' })).toEqual(['sent', null, null, 1, 0]);
    expect(await restoredStatus({ status: 'sent', messageId: 'm' }, { status: 'failed', reason: 'x' })).toEqual(['sent', null, null, 1, 0]);
    expect(await restoredStatus({ status: 'in-flight' }, { status: 'failed', reason: 'x' })).toEqual(['in-flight', null, null, 1, 0]);
    expect(await restoredStatus({ status: 'in-flight' }, { status: 'deferred', reason: 'x' })).toEqual(['in-flight', null, null, 1, 0]);
    expect(await restoredStatus({ status: 'failed', reason: 'first' }, { status: 'sent' })).toEqual(['sent', null, null, 0, 0]);
    expect(await restoredStatus({ status: 'deferred', reason: 'first' }, { status: 'failed', reason: 'second' })).toEqual(['failed', null, 'second', 0, 0]);
  });

  it('by recall, for the same status: done over in flight over failed over never', async () => {
    for (const done of ['recalled', 'closed', 'cancelled'] as const) {
      expect(await restoredStatus({ status: 'sent', ...recall(done) }, { status: 'sent', ...recall('in-flight') }), done).toEqual(['sent', done, null, 1, 0]);
      expect(await restoredStatus({ status: 'sent', ...recall('in-flight') }, { status: 'sent', ...recall(done), reason: 'later' }), done).toEqual(['sent', done, 'later', 0, 0]);
    }
    expect(await restoredStatus({ status: 'sent', ...recall('in-flight') }, { status: 'sent', ...recall('failed') })).toEqual(['sent', 'in-flight', null, 1, 0]);
    expect(await restoredStatus({ status: 'sent', ...recall('failed') }, { status: 'sent' })).toEqual(['sent', 'failed', null, 1, 0]);
    expect(await restoredStatus({ status: 'sent', ...recall('recalled') }, { status: 'sent', ...recall('closed'), reason: 'tie' })).toEqual(['sent', 'closed', 'tie', 0, 0]);
  });

  it('status first: a sent delivery with no recall is further along than one in flight and recalled', async () => {
    expect(await restoredStatus({ status: 'in-flight', ...recall('recalled') }, { status: 'sent' })).toEqual(['sent', null, null, 0, 0]);
    expect(await restoredStatus({ status: 'sent' }, { status: 'sent', ...recall('recalled') })).toEqual(['sent', 'recalled', null, 0, 0]);
  });
});

describe('a delivery the store has further along is kept, and counted', () => {
  it('a sent delivery is not taken back by a failed or deferred one; an equal or further one replaces it', async () => {
    await store.restore([delivery('k', { status: 'sent', messageId: 'm', pairs: [['r1', 'u1'], ['r1', 'u2']] }), delivery('j', { status: 'failed', reason: 'x' })]);
    const result = await store.restore([delivery('k', { status: 'failed', reason: 'older dump' }), delivery('j', { status: 'sent', messageId: 'mj' })]);
    expect(result).toEqual({ records: 2, kept: { deliveries: 1, pairs: 0 }, accountSkipped: false });
    expect((await exported('delivery')).map((d) => d.kind === 'delivery' && [d.key, d.status, d.messageId])).toEqual([['j', 'sent', 'mj'], ['k', 'sent', 'm']]);
    expect(await store.restore([delivery('k', { status: 'sent', messageId: 'm2' })])).toMatchObject({ kept: { deliveries: 0 } });
    expect((await exported('delivery')).find((d) => d.kind === 'delivery' && d.key === 'k')).toMatchObject({ messageId: 'm2' });
  });

  it("a pair moves to the dump's delivery only when that one is at least as far along, and a pair kept is counted", async () => {
    await store.restore([delivery('old', { status: 'sent', messageId: 'm', pairs: [['r1', 'u1']] }), delivery('weak', { status: 'failed', pairs: [['r1', 'u2']] })]);
    const result = await store.restore([delivery('new', { status: 'failed', pairs: [['r1', 'u1'], ['r1', 'u2'], ['r1', 'u3']] })]);
    expect(result.kept).toEqual({ deliveries: 0, pairs: 1 });
    const states = await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2'], ['r1', 'u3']]);
    expect([...['u1', 'u2', 'u3'].map((u) => states.get(pairKey('r1', u))?.key)]).toEqual(['old', 'new', 'new']);
  });

  it('a group post with more pairs than one statement takes: its delivery is written before its pairs are judged', async () => {
    const people = Array.from({ length: 2_100 }, (_, i) => ['g', `p${i}`] as [string, string]);
    await store.restore([delivery('before', { reminderId: 'g', status: 'failed', pairs: people.slice(0, 1) })]);
    const result = await store.restore([delivery('post', { reminderId: 'g', status: 'sent', messageId: 'm', pairs: people })]);
    expect(result.kept).toEqual({ deliveries: 0, pairs: 0 });
    const states = await store.deliveries.pairStates([people[0]!, people[2_099]!]);
    expect([people[0]!, people[2_099]!].map(([r, u]) => states.get(pairKey(r, u))?.key)).toEqual(['post', 'post']);
  });
});

describe('an export in pages of 2,000 rows', () => {
  it('gives every row once, in key order, for a table of one page exactly and of one page and one row', async () => {
    for (const count of [2_000, 2_001]) {
      const ids = Array.from({ length: count }, (_, i) => `p${String(i).padStart(5, '0')}`);
      await store.restore([
        ...ids.map((id): DumpRecord => ({ kind: 'user', id, name: id, email: `${id}@example.jp` })),
        ...ids.map((id) => delivery(id, { reminderId: 'g', pairs: [['g', id]] })),
        ...ids.map((id): DumpRecord => ({ kind: 'skip', reminderId: 'g', userId: id, type: null, reason: 'x', at: 1 })),
        ...ids.map((id): DumpRecord => ({ kind: 'rejection', userId: 'same', accountId: Number(id.slice(1)) + 1, at: '', by: 'x' })),
      ], { replace: true });
      const back = await exported();
      expect(back.filter((r) => r.kind === 'user').map((r) => r.kind === 'user' && r.id), `${count}`).toEqual(ids);
      expect(back.filter((r) => r.kind === 'delivery').map((r) => r.kind === 'delivery' && [r.key, r.pairs[0]![1]])).toEqual(ids.map((id) => [id, id]));
      expect(back.filter((r) => r.kind === 'skip').map((r) => r.kind === 'skip' && r.userId)).toEqual(ids);
      expect(back.filter((r) => r.kind === 'rejection').map((r) => r.kind === 'rejection' && r.accountId)).toEqual(ids.map((_, i) => i + 1));
    }
  });
});
