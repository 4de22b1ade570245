import { expect, it } from 'vitest';
import { dumpRecord, type DumpRecord } from '../../src/store/dump-format.js';
import { pairKey, type IntentRecord, type Pair, type Store } from '../../src/store/store.js';

const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
const intent = (key: string, pairs: Pair[], at: number): IntentRecord => ({ key, roomId: 100, pairs, bodyHash: `hash-${key.replaceAll('\u001f', '-')}`, type: 'survey', at });

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Rounds in the ledger, dumps and the inputs over time (migration 8): the same on both backends. Called inside storeContract. */
export function roundsContract(current: () => Store, another: () => Promise<Store>): void {
  it('a pair is delivered once per round: each round has its own key, state, skip and history', async () => {
    const store = current();
    const ledger = store.deliveries;
    await ledger.intent(intent(pairKey('r1', 'u1'), [['r1', 'u1']], T0));
    await ledger.sent(pairKey('r1', 'u1'), 'm1', 'posted', T0 + 1);
    await ledger.skipped([{ reminderId: 'r1', userId: 'u1', round: 'd1', type: 'survey', reason: 'unlinked', at: T0 + 2 }]);
    await ledger.intent(intent(pairKey('r1', 'u1', 'd1'), [['r1', 'u1', 'd1']], T0 + 3));
    expect(pairKey('r1', 'u1')).toBe('r1\u001fu1');
    expect(pairKey('r1', 'u1', 'd1')).toBe('r1\u001fu1\u001fd1');
    const states = await ledger.pairStates([['r1', 'u1'], ['r1', 'u1', 'd1'], ['r1', 'u1', 'd0']]);
    expect([...states.entries()].map(([key, s]) => [key, s.key, s.status]).sort()).toEqual([
      ['r1\u001fu1\u001fd1', 'r1\u001fu1\u001fd1', 'in-flight'], ['r1\u001fu1', 'r1\u001fu1', 'sent']]);
    expect((await ledger.entry(pairKey('r1', 'u1', 'd1')))!.pairs).toEqual([['r1', 'u1', 'd1']]);
    expect((await ledger.entry(pairKey('r1', 'u1')))!.pairs).toEqual([['r1', 'u1']]);
    expect((await ledger.inFlight()).map((e) => e.pairs)).toEqual([[['r1', 'u1', 'd1']]]);
    const rounds = await ledger.roundsOf([['r1', 'u1'], ['r1', 'u2']]);
    expect([...rounds.keys()]).toEqual([pairKey('r1', 'u1')]);
    expect(rounds.get(pairKey('r1', 'u1'))).toEqual([
      { round: '', key: 'r1\u001fu1', status: 'sent', at: T0 + 1 }, { round: 'd1', key: 'r1\u001fu1\u001fd1', status: 'in-flight', at: T0 + 3 }]);
    // The intent of round d1 cleared the skip of round d1 only; history shows both rounds.
    const history = await collect(store.history.query({ reminderId: 'r1' }));
    expect(history.map((line) => line.status).sort()).toEqual(['delivered', 'in-flight']);
    await ledger.failed(pairKey('r1', 'u1', 'd1'), 'too-long', T0 + 4);
    expect(await ledger.failedPairs('too-long', 5)).toEqual({ count: 1, pairs: [['r1', 'u1', 'd1']] });
  });

  it('withdraw of a held follow-up gives its round the reason and leaves the first message alone', async () => {
    const store = current();
    await store.deliveries.intent(intent(pairKey('r2', 'u1'), [['r2', 'u1']], T0));
    await store.deliveries.sent(pairKey('r2', 'u1'), 'm1', 'posted', T0 + 1);
    await store.deliveries.defer({ ...intent(pairKey('r2', 'u1', 'd0'), [['r2', 'u1', 'd0']], T0 + 2), body: 'b', until: T0 + 10 });
    expect((await store.deliveries.outbox()).map((e) => e.pairs)).toEqual([[['r2', 'u1', 'd0']]]);
    expect(await store.deliveries.withdraw(pairKey('r2', 'u1', 'd0'), [{ reminderId: 'r2', userId: 'u1', round: 'd0', type: 'survey', reason: 'withdrawn-answered', at: T0 + 3 }])).toBe(true);
    const states = await store.deliveries.pairStates([['r2', 'u1'], ['r2', 'u1', 'd0']]);
    expect([...states.keys()]).toEqual([pairKey('r2', 'u1')]);
    const dump = await collect(store.exportRecords());
    expect(dump.filter((r) => r.kind === 'skip')).toEqual([{ kind: 'skip', reminderId: 'r2', userId: 'u1', round: 'd0', type: 'survey', reason: 'withdrawn-answered', at: T0 + 3 }]);
  });

  it('a dump carries the rounds; a version 1 dump (pairs of two, skips without a round) restores in round \'\'', async () => {
    const store = current();
    await store.deliveries.intent(intent(pairKey('r3', 'u1'), [['r3', 'u1']], T0));
    await store.deliveries.sent(pairKey('r3', 'u1'), 'm1', 'posted', T0 + 1);
    await store.deliveries.intent(intent(pairKey('r3', 'u1', 'd3'), [['r3', 'u1', 'd3']], T0 + 2));
    await store.deliveries.sent(pairKey('r3', 'u1', 'd3'), 'm2', 'posted', T0 + 3);
    const dump = await collect(store.exportRecords());
    for (const record of dump) expect(dumpRecord.safeParse(JSON.parse(JSON.stringify(record))).error).toBeUndefined();
    expect(dump.filter((r) => r.kind === 'delivery').map((r) => (r as { pairs: Pair[] }).pairs)).toEqual([[['r3', 'u1']], [['r3', 'u1', 'd3']]]);
    const copy = await another();
    await copy.restore(dump, { replace: true });
    expect([...(await copy.deliveries.pairStates([['r3', 'u1'], ['r3', 'u1', 'd3']])).values()].map((s) => s.status)).toEqual(['sent', 'sent']);

    const v1: DumpRecord[] = [
      dumpRecord.parse({ kind: 'header', format: 'himanager-chatwork-state', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', schemaVersion: 7 }),
      dumpRecord.parse({ kind: 'delivery', key: 'old\u001fu9', reminderId: 'old', type: 'survey', roomId: 5, bodyHash: 'h', intentAt: T0, status: 'sent',
        messageId: 'm9', how: 'posted', reason: null, at: T0, body: null, deferUntil: null, outbox: false, pairs: [['old', 'u9']] }),
      dumpRecord.parse({ kind: 'skip', reminderId: 'old', userId: 'u8', type: 'survey', reason: 'unlinked', at: T0 }),
    ];
    await copy.restore(v1);
    expect((await copy.deliveries.pairStates([['old', 'u9']])).get(pairKey('old', 'u9'))).toMatchObject({ key: 'old\u001fu9', status: 'sent' });
    expect((await copy.deliveries.roundsOf([['old', 'u9']])).get(pairKey('old', 'u9'))!.map((r) => r.round)).toEqual(['']);
    expect((await collect(copy.exportRecords())).filter((r) => r.kind === 'skip' && r.reminderId === 'old')).toEqual([
      { kind: 'skip', reminderId: 'old', userId: 'u8', type: 'survey', reason: 'unlinked', at: T0 }]);
    // Not a round: refused when the dump is read.
    expect(dumpRecord.safeParse({ kind: 'skip', reminderId: 'a', userId: 'b', type: null, reason: 'x', at: 0, round: 'd-1' }).success).toBe(false);
    expect(dumpRecord.safeParse({ kind: 'header', format: 'himanager-chatwork-state', version: 3, exportedAt: '2026-12-01T00:00:00.000Z', schemaVersion: 9 }).success).toBe(false);
  });

  it('observe: who dropped out of a later input that still lists the reminder has answered; an input without it says nothing; a dry run writes nothing', async () => {
    const store = current();
    const survey = (to: string[]) => ({ reminderId: 'r4', type: 'survey' as const, title: '12月サーベイ', due: '2026-12-10', to });
    expect(await store.reminders.observe([survey(['a', 'b', 'c'])], T0)).toEqual([
      { reminderId: 'r4', answered: [], added: ['a', 'b', 'c'], pendingBefore: 0, pending: 3, firstSeenAt: T0 }]);
    // Sent b its first message and its d1 follow-up: b answered after d1.
    await store.deliveries.intent(intent(pairKey('r4', 'b'), [['r4', 'b']], T0));
    await store.deliveries.sent(pairKey('r4', 'b'), 'm1', 'posted', T0);
    await store.deliveries.intent(intent(pairKey('r4', 'b', 'd1'), [['r4', 'b', 'd1']], T0 + 1));
    await store.deliveries.sent(pairKey('r4', 'b', 'd1'), 'm2', 'posted', T0 + 1);
    await store.deliveries.intent(intent(pairKey('r4', 'c'), [['r4', 'c']], T0));
    // A dry run compares and writes nothing.
    const dry = await store.reminders.compare([survey(['a'])], T0 + 5);
    expect(dry).toEqual([{ reminderId: 'r4', answered: ['b', 'c'], added: [], pendingBefore: 3, pending: 1, firstSeenAt: T0 }]);
    expect(await store.reminders.pending('r4')).toEqual(['a', 'b', 'c']);
    // An input that does not list r4 says nothing about it.
    await store.reminders.observe([{ reminderId: 'other', type: 'survey', to: ['a'] }], T0 + 6);
    expect(await store.reminders.pending('r4')).toEqual(['a', 'b', 'c']);
    expect(await store.reminders.observe([survey(['a', 'd'])], T0 + 10)).toEqual([
      { reminderId: 'r4', answered: ['b', 'c'], added: ['d'], pendingBefore: 3, pending: 2, firstSeenAt: T0 }]);
    expect(await store.reminders.pending('r4')).toEqual(['a', 'd']);
    // c's first message was only in flight: c answered after no round.
    expect(await store.reminders.answered('r4')).toEqual([{ userId: 'b', at: T0 + 10, afterRound: 'd1' }, { userId: 'c', at: T0 + 10 }]);
    // Listed again: pending again.
    await store.reminders.observe([survey(['a', 'c', 'd'])], T0 + 20);
    expect(await store.reminders.pending('r4')).toEqual(['a', 'c', 'd']);
    expect(await store.reminders.get('r4')).toEqual({ reminderId: 'r4', type: 'survey', title: '12月サーベイ', due: '2026-12-10', firstSeenAt: T0, lastSeenAt: T0 + 20 });
    expect((await store.reminders.list()).map((r) => r.reminderId)).toEqual(['other', 'r4']);
    // A dump carries who is pending and who answered.
    const dump = await collect(store.exportRecords());
    for (const record of dump) expect(dumpRecord.safeParse(JSON.parse(JSON.stringify(record))).error).toBeUndefined();
    const copy = await another();
    await copy.restore(dump, { replace: true });
    expect(await copy.reminders.pending('r4')).toEqual(['a', 'c', 'd']);
    expect(await copy.reminders.answered('r4')).toEqual([{ userId: 'b', at: T0 + 10, afterRound: 'd1' }]);
    expect(await copy.reminders.get('r4')).toEqual(await store.reminders.get('r4'));
  });

  it('observe writes a reminder of many people in batches, and tells who answered among them', async () => {
    const store = current();
    const everyone = Array.from({ length: 3_000 }, (_, i) => `u${String(i).padStart(5, '0')}`);
    await store.reminders.observe([{ reminderId: 'big', type: 'survey', to: everyone }], T0);
    const [observed] = await store.reminders.observe([{ reminderId: 'big', type: 'survey', to: everyone.filter((_, i) => i % 3 !== 0) }], T0 + 1);
    expect(observed!.answered).toHaveLength(1_000);
    expect(observed!.pending).toBe(2_000);
    expect((await store.reminders.pending('big')).length).toBe(2_000);
  });
}
