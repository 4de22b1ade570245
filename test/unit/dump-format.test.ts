import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedLines } from '../../src/store/bounded-lines.js';
import { readDump } from '../../src/store/read-dump.js';
import { unsafePart } from '../../src/store/dump-fields.js';
import { DUMP_SETTINGS, dumpRecord, settingSchema } from '../../src/store/dump-format.js';

const delivery = {
  kind: 'delivery', key: 's1\u001fE1', reminderId: 's1', type: 'survey', roomId: 3, bodyHash: 'ab', intentAt: 0, status: 'sent', messageId: '12',
  how: 'posted', reason: null, at: 1, body: null, deferUntil: null, outbox: false, pairs: [['s1', 'E1']],
};
const user = { kind: 'user', id: 'E1', name: '山田 太郎', email: 'taro@example.jp' };
const link = { kind: 'link', userId: 'E1', accountId: 1, source: 'auto', linkedAt: '2026-11-24T00:00:00.000Z' };
const run = { kind: 'run', at: 1, startedAt: 0, delivered: 0, failed: 0, skipped: 0, deferred: 0, exitCode: 0, inWindow: null };
const ok = (record: object) => expect(dumpRecord.safeParse(record).success, JSON.stringify(record).slice(0, 120)).toBe(true);
const refused = (record: object, field: string) => {
  const result = dumpRecord.safeParse(record);
  expect(result.success, JSON.stringify(record).slice(0, 120)).toBe(false);
  expect(result.error!.issues[0]!.path.join('.')).toBe(field);
};

describe('dump records are as strict as the store', () => {
  it('takes the exact value of every enum, and refuses any other case', () => {
    for (const status of ['in-flight', 'sent', 'failed', 'deferred']) ok({ ...delivery, status });
    for (const status of ['Sent', 'SENT', 'sent ', 'delivered', 'inflight']) refused({ ...delivery, status }, 'status');
    for (const state of ['in-flight', 'recalled', 'closed', 'cancelled', 'failed']) ok({ ...delivery, recall: { state, at: 1, reason: null } });
    refused({ ...delivery, recall: { state: 'Recalled', at: 1, reason: null } }, 'recall.state');
    for (const source of ['manual', 'auto', 'import']) ok({ ...link, source });
    refused({ ...link, source: 'Auto' }, 'source');
    refused({ ...delivery, type: 'Survey' }, 'type');
    refused({ ...delivery, deliveryKind: 'Task' }, 'deliveryKind');
    refused({ ...delivery, outbox: 0 }, 'outbox');
  });

  it('holds whole numbers where the store does, at the limits of its columns', () => {
    for (const at of [0, Number.MAX_SAFE_INTEGER]) ok({ ...delivery, at });
    for (const at of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2, '1']) refused({ ...delivery, at }, 'at');
    refused({ ...delivery, intentAt: 0.1 }, 'intentAt');
    refused({ ...delivery, deferUntil: 2.5 }, 'deferUntil');
    refused({ ...delivery, taskLimit: 1.5 }, 'taskLimit');
    ok({ ...run, delivered: 2_147_483_647, exitCode: 255 });
    refused({ ...run, delivered: 2_147_483_648 }, 'delivered');
    refused({ ...run, exitCode: 256 }, 'exitCode');
    refused({ ...run, exitCode: -1 }, 'exitCode');
    ok({ ...link, accountId: Number.MAX_SAFE_INTEGER });
    for (const accountId of [0, -1, 1.5, 1e300, '12']) refused({ ...link, accountId }, 'accountId');
    for (const roomId of [0, -3, 2.5]) refused({ ...delivery, roomId }, 'roomId');
  });

  it('holds names, ids and e-mails to the directory rules', () => {
    ok({ ...user, name: 'x'.repeat(255) });
    refused({ ...user, name: 'x'.repeat(256) }, 'name');
    refused({ ...user, name: '' }, 'name');
    refused({ ...user, name: 'a\nb' }, 'name');
    refused({ ...user, name: 'a\u202eb' }, 'name');
    refused({ ...user, id: '' }, 'id');
    refused({ ...user, department: 'x'.repeat(256) }, 'department');
    for (const email of ['taro', 'taro@', '@example.jp', 'taro@example', 'ta ro@example.jp', '']) refused({ ...user, email }, 'email');
    ok({ ...delivery, body: 'x'.repeat(65_535) });
    refused({ ...delivery, body: 'x'.repeat(65_536) }, 'body');
    refused({ ...delivery, pairs: [] }, 'pairs');
    refused({ ...delivery, pairs: [['s1', '']] }, 'pairs.0.1');
    ok({ ...link, linkedAt: '' });
    refused({ ...link, linkedAt: 'yesterday' }, 'linkedAt');
  });

  it('knows every setting by its own name only: no inherited name passes, and each value has its schema', () => {
    for (const key of DUMP_SETTINGS) ok({ kind: 'setting', key, value: null });
    for (const key of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'doctorProbe', 'Account']) refused({ kind: 'setting', key, value: 1 }, 'key');
    expect(settingSchema('legacyImport').safeParse('0a1b').success).toBe(true);
    expect(settingSchema('legacyImport').safeParse('not hex').success).toBe(false);
    expect(settingSchema('account').safeParse({ accountId: 2.5, name: 'x', chatworkId: 'x' }).success).toBe(false);
  });

  it('finds a NUL or a __proto__ key at any depth', () => {
    expect(unsafePart({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'c'], reason: 'NUL character' });
    expect(unsafePart(JSON.parse('{"a":{"__proto__":{"b":1}}}'))).toEqual({ path: ['a', '__proto__'], reason: 'not a field' });
    expect(unsafePart({ 'k\u0000': 1 })).toEqual({ path: ['k\u0000'], reason: 'NUL character' });
    expect(unsafePart({ a: ['fine', 1, null, true], toString: 'fine' })).toBeUndefined();
  });
});

describe('lines of a dump', () => {
  const file = (content: string | Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'hmcw-lines-')), 'd.ndjson');
    writeFileSync(path, content);
    return path;
  };
  const lines = async (path: string, max: number) => {
    const out = [];
    for await (const line of boundedLines(path, max)) out.push(line);
    return out;
  };

  it('takes a line of exactly the limit, reports a longer one by number without keeping it, and goes on counting', async () => {
    expect(await lines(file('abcd\nabcde\r\nab\r\n\nx'), 4)).toEqual([
      { line: 1, text: 'abcd' }, { line: 2, tooLong: true }, { line: 3, text: 'ab' }, { line: 4, text: '' }, { line: 5, text: 'x' },
    ]);
    expect(await lines(file(Buffer.from([0x61, 0xff, 0x0a, 0x62])), 10)).toEqual([{ line: 1, notUtf8: true }, { line: 2, text: 'b' }]);
    expect(await lines(file('\ufeffhé\n'), 10)).toEqual([{ line: 1, text: 'hé' }]);
  });

  it('readDump names the file and line of a line over its limit', async () => {
    const path = file(`{"kind":"header","format":"himanager-chatwork-state","version":1,"exportedAt":"2026-12-02T00:00:00.000Z","schemaVersion":3}\n{"kind":"user","id":"E1","name":"${'x'.repeat(300)}","email":"a@b.jp"}\n`);
    await expect(readDump(path, undefined, 200)).rejects.toMatchObject({ key: 'state.dumpLineTooLong', params: { file: path, line: 2 } });
    await expect(readDump(path, undefined, 1000)).rejects.toMatchObject({ key: 'state.dumpBadLine', params: { file: path, line: 2 } });
  });
});
