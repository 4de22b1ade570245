import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors/index.js';
import type { DumpRecord } from '../../src/store/dump-format.js';
import { importLegacyFiles } from '../../src/store/legacy/import.js';
import { replayLegacyLedger } from '../../src/store/legacy/ledger-replay.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

// The previous version's settings.json and ledger.jsonl, imported in-process into a SQLite store.
const NOW = Date.UTC(2026, 10, 24, 1, 2, 3, 456);
const STAMP = '20261124-010203';
const line = (record: object) => `${JSON.stringify(record)}\n`;

const SETTINGS = {
  schemaVersion: 1, clientId: 'client-1234', messageLang: 'en',
  account: { accountId: 1000001, name: 'HiManager通知', chatworkId: 'himanager_notify' },
  users: [{ id: 'E1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部' }, { id: 'E2', name: '佐藤 花子', email: 'hanako@example.jp' }],
  links: { E1: { accountId: 2000001, source: 'auto', linkedAt: '2026-11-01T00:00:00Z' }, E2: { accountId: 2000002 } },
  destinations: { survey: 'dm', praise: 'room:42' },
};

const LEDGER = [
  line({ op: 'intent', key: 'k1', room: 11, pairs: [['r1', 'E1']], hash: 'h1', at: 1000 }),
  line({ op: 'sent', key: 'k1', message: 'm1', how: 'posted', at: 1001 }),
  line({ op: 'intent', key: 'k2', room: 11, pairs: [['r2', 'E1']], hash: 'h2', at: 2000 }),
  line({ op: 'deferred', key: 'k3', room: 12, pairs: [['r3', 'E2']], hash: 'h3', body: 'あとで', type: 'praise', until: 9000, at: 3000 }),
  line({ op: 'intent', key: 'k4', room: 12, pairs: [['r4', 'E2']], hash: 'h4', at: 4000 }),
  line({ op: 'failed', key: 'k4', reason: 'HTTP 403', at: 4001 }),
  line({ op: 'run', outcome: { delivered: 1, failed: 1, skipped: 2, exitCode: 3, startedAt: 900 }, at: 5000 }),
].join('');

let root: string;
let store: Store;
let legacy: string;
const clock = createFakeClock(NOW);
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmcw-legacy-unit-'));
  legacy = join(root, 'config');
  store = await openSqliteStore(join(root, 'state.db'), { clock, configDir: root });
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

function files(settings?: unknown, ledger?: string): void {
  mkdirSync(legacy, { recursive: true });
  if (settings !== undefined) writeFileSync(join(legacy, 'settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
  if (ledger !== undefined) writeFileSync(join(legacy, 'ledger.jsonl'), ledger);
}
async function records(kind?: DumpRecord['kind']): Promise<DumpRecord[]> {
  const out: DumpRecord[] = [];
  for await (const record of store.exportRecords()) if (!kind || record.kind === kind) out.push(record);
  return out;
}
async function refusal(): Promise<CliError> {
  const error = await importLegacyFiles(store, legacy, clock).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}
const kept = () => readdirSync(legacy).sort();

describe('importing the previous version: what it writes', () => {
  it('imports settings, users, links, destinations and the ledger replayed, reports it, and keeps the files as a dated backup', async () => {
    files(SETTINGS, LEDGER);
    const report = await importLegacyFiles(store, legacy, clock);
    expect(report).toEqual({
      users: 2, links: 2, deliveries: 4, tornLines: 0,
      backup: [join(legacy, `settings.json.before-${STAMP}`), join(legacy, `ledger.jsonl.before-${STAMP}`)],
    });
    expect(kept()).toEqual([`ledger.jsonl.before-${STAMP}`, `settings.json.before-${STAMP}`]);
    expect(await store.config.get()).toMatchObject({ clientId: 'client-1234', messageLang: 'en', account: { accountId: 1000001 } });
    expect(await store.users.all()).toEqual(SETTINGS.users);
    expect(await records('link')).toEqual([
      { kind: 'link', userId: 'E1', accountId: 2000001, source: 'auto', linkedAt: '2026-11-01T00:00:00Z' },
      // A link without a source or a time: manual, at no known time.
      { kind: 'link', userId: 'E2', accountId: 2000002, source: 'manual', linkedAt: '' },
    ]);
    expect(await store.destinations.all()).toEqual({ survey: 'dm', praise: 'room:42' });
    const deliveries = await records('delivery');
    expect(deliveries.map((d) => d.kind === 'delivery' && [d.key, d.status, d.messageId, d.how, d.reason, d.at, d.intentAt, d.outbox])).toEqual([
      ['k1', 'sent', 'm1', 'posted', null, 1001, 1000, false],
      ['k2', 'in-flight', null, null, null, 2000, 2000, false],
      ['k3', 'deferred', null, null, null, 3000, 0, true],
      ['k4', 'failed', null, null, 'HTTP 403', 4001, 4000, false],
    ]);
    expect(deliveries[2]).toMatchObject({ type: 'praise', body: 'あとで', deferUntil: 9000, roomId: 12, bodyHash: 'h3', reminderId: 'r3', pairs: [['r3', 'E2']] });
    expect(await records('run')).toEqual([{ kind: 'run', at: 5000, startedAt: 900, delivered: 1, failed: 1, skipped: 2, deferred: 0, exitCode: 3, inWindow: null }]);
  });

  it('does nothing where there are no files, and imports one file alone', async () => {
    expect(await importLegacyFiles(store, legacy, clock)).toBeUndefined();
    files(undefined, LEDGER);
    expect(await importLegacyFiles(store, legacy, clock)).toEqual({ users: 0, links: 0, deliveries: 4, tornLines: 0, backup: [join(legacy, `ledger.jsonl.before-${STAMP}`)] });
    expect(await store.stats()).toMatchObject({ users: 0, deliveries: 4 });
  });

  it('imports settings.json with settings only: no users, links or destinations', async () => {
    files({ clientId: 'c-1' });
    expect(await importLegacyFiles(store, legacy, clock)).toMatchObject({ users: 0, links: 0, deliveries: 0 });
    expect((await store.config.get()).clientId).toBe('c-1');
    expect(await store.stats()).toMatchObject({ users: 0, links: 0 });
  });

  it('imports settings.json alone into an empty store', async () => {
    files({ users: [SETTINGS.users[0]] });
    expect(await importLegacyFiles(store, legacy, clock)).toEqual({ users: 1, links: 0, deliveries: 0, tornLines: 0, backup: [join(legacy, `settings.json.before-${STAMP}`)] });
    expect(await store.users.all()).toEqual([SETTINGS.users[0]]);
  });

  it('counts a torn last line of the ledger, and imports the rest', async () => {
    files(SETTINGS, `${LEDGER}{"op":"sent","key":"k2","mess`);
    expect(await importLegacyFiles(store, legacy, clock)).toMatchObject({ deliveries: 4, tornLines: 1 });
    expect((await records('delivery')).find((d) => d.kind === 'delivery' && d.key === 'k2')).toMatchObject({ status: 'in-flight' });
  });
});

describe('importing the previous version: the store must be empty', () => {
  it.each([
    ['one user', (s: Store) => s.users.replaceAll([{ id: 'X1', name: '既存 一郎', email: 'x1@example.jp' }])],
    ['one link', (s: Store) => s.links.set(new Map([['X1', { accountId: 9, source: 'manual' as const, linkedAt: '' }]]))],
    ['one delivery', (s: Store) => s.deliveries.intent({ key: 'x', roomId: 1, pairs: [['rx', 'X1']], bodyHash: 'h', type: 'survey', at: 1 })],
  ])('refuses a store that holds %s, naming the store and the dir, and changes nothing', async (_name, seed) => {
    await seed(store);
    files(SETTINGS, LEDGER);
    const before = await records();
    const error = await refusal();
    expect(error.key).toBe('state.legacyNotEmpty');
    expect(error.params).toEqual({ location: store.info.location, dir: legacy });
    expect(await records()).toEqual(before);
    expect(kept()).toEqual(['ledger.jsonl', 'settings.json']);
  });

  it('takes a store that holds only settings', async () => {
    await store.config.update((config) => { config.clientId = 'earlier'; });
    files(SETTINGS, LEDGER);
    expect(await importLegacyFiles(store, legacy, clock)).toMatchObject({ users: 2, deliveries: 4 });
    expect((await store.config.get()).clientId).toBe('client-1234');
  });

  it('never imports the same files twice: files put back unchanged are only moved aside', async () => {
    files(SETTINGS, LEDGER);
    await importLegacyFiles(store, legacy, clock);
    await store.users.replaceAll([{ id: 'E9', name: '後から 九郎', email: 'e9@example.jp' }]);
    // The import's transaction committed, the rename never happened: the same files, same size and time.
    const later = createFakeClock(NOW + 60_000);
    for (const name of ['settings.json', 'ledger.jsonl']) renameSync(join(legacy, `${name}.before-${STAMP}`), join(legacy, name));
    expect(await importLegacyFiles(store, legacy, later)).toEqual({
      users: 0, links: 0, deliveries: 0, tornLines: 0,
      backup: [join(legacy, 'settings.json.before-20261124-010303'), join(legacy, 'ledger.jsonl.before-20261124-010303')],
    });
    expect((await store.users.all()).map((u) => u.id)).toEqual(['E9']);
  });

  it('imports files that changed since the last import, though the store now holds that import', async () => {
    files(SETTINGS, LEDGER);
    await importLegacyFiles(store, legacy, clock);
    files({ ...SETTINGS, users: [...SETTINGS.users, { id: 'E3', name: '鈴木 三郎', email: 'saburo@example.jp' }] });
    expect(await importLegacyFiles(store, legacy, createFakeClock(NOW + 1_000))).toMatchObject({ users: 3, deliveries: 0 });
    expect((await store.users.all()).map((u) => u.id)).toEqual(['E1', 'E2', 'E3']);
  });
});

describe('importing the previous version: bad files are named, and nothing is imported', () => {
  const refusedFor = async (settings: unknown, ledger?: string) => {
    files(settings, ledger);
    const error = await refusal();
    expect(await store.stats()).toMatchObject({ users: 0, links: 0, deliveries: 0 });
    expect(existsSync(join(legacy, 'settings.json'))).toBe(settings !== undefined);
    return [error.key, error.params];
  };

  it('settings.json that is not JSON, or not an object', async () => {
    const path = join(legacy, 'settings.json');
    expect(await refusedFor('{"users": [')).toEqual(['state.legacyBadFile', { path, reason: expect.stringContaining('JSON') }]);
    for (const text of ['[]', 'null', '3', '"x"']) expect(await refusedFor(text)).toEqual(['state.legacyBadFile', { path, reason: 'not an object' }]);
  });

  it('a setting, a user, a link or a destination that the store would not hold, by its place and field', async () => {
    const path = join(legacy, 'settings.json');
    expect(await refusedFor({ ...SETTINGS, messageLang: 'fr' })).toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^messageLang: /) }]);
    expect(await refusedFor({ ...SETTINGS, account: { ...SETTINGS.account, accountId: 0 } })).toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^account\.accountId: /) }]);
    // Records in order: clientId, messageLang, account (settings), then the users, links and destinations.
    expect(await refusedFor({ ...SETTINGS, users: [SETTINGS.users[0], { ...SETTINGS.users[1], email: 'hanako' }] }))
      .toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^user 5: email: /) }]);
    for (const accountId of [0, -1, 1.5, '2000001']) {
      expect(await refusedFor({ ...SETTINGS, links: { E1: { accountId } } })).toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^link 6: accountId: /) }]);
    }
    expect(await refusedFor({ ...SETTINGS, destinations: { survey: 'room:0' } })).toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^destination 8: destination: /) }]);
    expect(await refusedFor({ users: [{ id: 'E1', name: 'x', email: 'x@example.jp', status: 'Retired' }] })).toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^user 1: status: /) }]);
  });

  it('a replayed delivery or run the store would not hold, by its key and field', async () => {
    const path = join(legacy, 'ledger.jsonl');
    expect(await refusedFor(undefined, line({ op: 'intent', key: 'n1', room: 11, pairs: [['r\u0000', 'E1']], hash: 'h', at: 1 })))
      .toEqual(['state.legacyBadFile', { path, reason: 'delivery "n1": reminderId: NUL character' }]);
    expect(await refusedFor(undefined, line({ op: 'intent', key: 'n2', room: 11, pairs: [['r9', 'E1']], hash: 'h', at: 1.5 })))
      .toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^delivery "n2": intentAt: /) }]);
    expect(await refusedFor(undefined, line({ op: 'intent', key: 'n4', room: 11, pairs: [['r9', '']], hash: 'h', at: 1 })))
      .toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^delivery "n4": pairs\.0\.1: /) }]);
    expect(await refusedFor(undefined, line({ op: 'intent', key: 'n3', room: 0, pairs: [['r9', 'E1']], hash: 'h', at: 1 })))
      .toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^delivery "n3": roomId: /) }]);
    expect(await refusedFor(undefined, line({ op: 'run', outcome: { delivered: -1, failed: 0, skipped: 0, exitCode: 0, startedAt: 0 }, at: 1 })))
      .toEqual(['state.legacyBadFile', { path, reason: expect.stringMatching(/^run: delivered: /) }]);
  });

  it('a ledger line it cannot read that is not the last, by its number', async () => {
    const path = join(legacy, 'ledger.jsonl');
    for (const bad of ['{"op":', '42', 'null', '{"key":"k1"}', '{"op":1}']) {
      expect(await refusedFor(undefined, `${LEDGER}\n${bad}\n\n${line({ op: 'run', outcome: { delivered: 0, failed: 0, skipped: 0, exitCode: 0, startedAt: 0 }, at: 1 })}`))
        .toEqual(['state.legacyBadLine', { path, line: 9 }]);
    }
  });
});

describe('replaying the old ledger', () => {
  const ledger = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-replay-'));
    writeFileSync(join(dir, 'ledger.jsonl'), text);
    return join(dir, 'ledger.jsonl');
  };

  it('an intent after a deferral keeps what the deferral held; a new deferral replaces an intent', async () => {
    const { records: replayed } = await replayLegacyLedger(ledger([
      line({ op: 'deferred', key: 'k', room: 12, pairs: [['r', 'E1']], hash: 'h1', body: 'b', type: 'survey', until: 9000, at: 10 }),
      line({ op: 'intent', key: 'k', room: 13, pairs: [['r', 'E1'], ['r', 'E2']], hash: 'h2', at: 20 }),
      line({ op: 'intent', key: 'j', room: 14, pairs: [['q', 'E1']], hash: 'h3', at: 30 }),
      line({ op: 'sent', key: 'j', message: 'm', how: 'reconciled', at: 31 }),
      line({ op: 'deferred', key: 'j', room: 15, pairs: [['q', 'E1']], hash: 'h4', body: 'c', type: 'praise', until: 99, at: 32 }),
      line({ op: 'sent', key: 'unknown', message: 'm', how: 'posted', at: 40 }),
      line({ op: 'failed', key: 'unknown', reason: 'x', at: 41 }),
      line({ op: 'run', outcome: { delivered: 1, failed: 0, skipped: 0, exitCode: 0, startedAt: 5, deferred: 2, inWindow: false }, at: 50 }),
    ].join('')));
    expect(replayed).toEqual([
      { kind: 'delivery', key: 'k', reminderId: 'r', type: 'survey', roomId: 13, bodyHash: 'h2', intentAt: 20, status: 'in-flight', messageId: null,
        how: null, reason: null, at: 20, body: 'b', deferUntil: 9000, outbox: true, pairs: [['r', 'E1'], ['r', 'E2']] },
      { kind: 'delivery', key: 'j', reminderId: 'q', type: 'praise', roomId: 15, bodyHash: 'h4', intentAt: 0, status: 'deferred', messageId: null,
        how: null, reason: null, at: 32, body: 'c', deferUntil: 99, outbox: true, pairs: [['q', 'E1']] },
      { kind: 'run', at: 50, startedAt: 5, delivered: 1, failed: 0, skipped: 0, deferred: 2, exitCode: 0, inWindow: false },
    ]);
  });

  it('an intent again after it was sent keeps the message id; one with no pairs is known by its key', async () => {
    const { records: replayed } = await replayLegacyLedger(ledger([
      line({ op: 'intent', key: 'k', room: 1, pairs: [['r', 'E1']], hash: 'h', at: 1 }),
      line({ op: 'sent', key: 'k', message: 'm', how: 'posted', at: 2 }),
      line({ op: 'intent', key: 'k', room: 1, pairs: [['r', 'E1']], hash: 'h', at: 3 }),
      line({ op: 'intent', key: 'lonely', room: 1, pairs: [], hash: 'h', at: 4 }),
    ].join('')));
    expect(replayed[0]).toMatchObject({ status: 'in-flight', messageId: 'm', how: null, type: null, body: null, deferUntil: null, outbox: false, intentAt: 3 });
    expect(replayed[1]).toMatchObject({ key: 'lonely', reminderId: 'lonely' });
  });

  it('skips blank lines and a torn last line (only the last), counting it', async () => {
    const good = line({ op: 'intent', key: 'k', room: 1, pairs: [['r', 'E1']], hash: 'h', at: 1 });
    expect(await replayLegacyLedger(ledger(`\n  \n${good}\n{"op":"se`))).toMatchObject({ tornLines: 1, records: [{ key: 'k' }] });
    expect(await replayLegacyLedger(ledger(`${good}{"op":"se\n\n  \n`))).toMatchObject({ tornLines: 1 });
    expect(await replayLegacyLedger(ledger(good))).toMatchObject({ tornLines: 0 });
    await expect(replayLegacyLedger(ledger(`{"op":"se\n${good}`))).rejects.toMatchObject({ key: 'state.legacyBadLine', params: { line: 1 } });
  });
});
