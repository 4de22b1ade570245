import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/state/import/run.js';
import type { DumpRecord } from '../../src/store/dump-format.js';
import { pairKey } from '../../src/store/store.js';
import { invokeRun } from '../helpers/command-run.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';
import { withStore } from '../helpers/state.js';

// `state import --force` of a dump with a wrong value, run in-process on a store that has sent a
// reminder: refused by line and field, and the store is exactly as it was.
let configDir: string;
const installation = () => ({ configDir, clock: createFakeClock(), secrets: memorySecrets(), processEnv: {}, lang: 'en' as const });
const HEADER = { kind: 'header', format: 'himanager-chatwork-state', version: 2, exportedAt: '2026-12-02T00:00:00.000Z', schemaVersion: 9 };
const SENT = {
  kind: 'delivery', key: 'r1\u001fE1', reminderId: 'r1', type: 'survey', roomId: 3, bodyHash: 'h', intentAt: 10, status: 'sent', messageId: 'm1',
  how: 'posted', reason: null, at: 11, body: null, deferUntil: null, outbox: false, pairs: [['r1', 'E1']],
};

beforeEach(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'hmcw-import-'));
  await withStore(configDir, async (store) => {
    await store.users.replaceAll([{ id: 'E1', name: '山田 太郎', email: 'taro@example.jp' }]);
    await store.deliveries.intent({ key: 'r1\u001fE1', roomId: 3, pairs: [['r1', 'E1']], bodyHash: 'h', type: 'survey', at: 10 });
    await store.deliveries.sent('r1\u001fE1', 'm1', 'posted', 11);
  });
});
afterEach(() => rm(configDir, { recursive: true, force: true }));

const everything = () => withStore(configDir, async (store) => {
  const out: DumpRecord[] = [];
  for await (const record of store.exportRecords()) out.push(record);
  return out;
});
const dump = (...records: object[]) => {
  const file = join(configDir, 'dump.ndjson');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  return file;
};

describe('state import of a dump with a wrong value: refused by line and field, nothing changed', () => {
  it.each(['Sent', 'SENT', 'posted', ''])('a delivery status of %j, over a delivery the store has sent', async (status) => {
    const before = await everything();
    const file = dump(HEADER, { kind: 'user', id: 'E2', name: '佐藤 花子', email: 'hanako@example.jp' }, { ...SENT, status, messageId: null });
    const result = await invokeRun(installation(), run, { file, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^Error: <dir>/dump\\.ndjson:3: not a dump record: status: .*Nothing was imported\\.\\n$`));
    expect(await everything()).toEqual(before);
    expect(await withStore(configDir, (store) => store.deliveries.pairStates([['r1', 'E1']]))).toEqual(new Map([[pairKey('r1', 'E1'), expect.objectContaining({ status: 'sent' })]]));
  });

  it.each([0, -1, 1.5, '2001', 1e300])('a link to account id %j', async (accountId) => {
    const before = await everything();
    const file = dump(HEADER, { kind: 'link', userId: 'E1', accountId, source: 'manual', linkedAt: '' });
    const result = await invokeRun(installation(), run, { file, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: <dir>\/dump\.ndjson:2: not a dump record: accountId: /);
    expect(await everything()).toEqual(before);
  });

  it('the same dump with valid values goes in, and a lower status does not take the sent one back', async () => {
    const file = dump(HEADER, { kind: 'link', userId: 'E1', accountId: 2001, source: 'manual', linkedAt: '' }, { ...SENT, status: 'failed', reason: 'older dump', messageId: null });
    const result = await invokeRun(installation(), run, { file, force: true });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Imported 3 records');
    expect(result.stderr).toContain('Kept what the store had further along than the dump: 1 deliveries and 0 person-reminder pairs');
    const after = await everything();
    expect(after.find((r) => r.kind === 'delivery')).toMatchObject({ status: 'sent', messageId: 'm1' });
    expect(after.find((r) => r.kind === 'link')).toMatchObject({ accountId: 2001 });
  });
});
