import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { dumpRecord } from '../../src/store/dump-format.js';
import { readDump } from '../../src/store/read-dump.js';

/** One valid record of every kind a dump holds. */
const VALID = {
  header: { kind: 'header', format: 'himanager-chatwork-state', version: 2, exportedAt: '2026-12-02T00:00:00.000Z', schemaVersion: 9 },
  setting: { kind: 'setting', key: 'messageLang', value: 'en' },
  user: { kind: 'user', id: 'E1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部', reading: 'やまだ', status: 'retired', statusSource: 'command', managerId: 'E0', retiredAt: '2026-12-01T00:00:00.000Z' },
  link: { kind: 'link', userId: 'E1', accountId: 2001, source: 'auto', linkedAt: '2026-11-24T00:00:00.000Z' },
  rejection: { kind: 'rejection', userId: 'E1', accountId: 2001, at: '2026-11-24T00:00:00.000Z', by: 'admin' },
  linkHistory: { kind: 'linkHistory', userId: 'E1', accountId: 2001, source: 'manual', confirmed: true, linkedAt: '', unlinkedAt: null, reason: null },
  destination: { kind: 'destination', type: 'praise', destination: 'room:42' },
  delivery: {
    kind: 'delivery', key: 'r1\u001fE1', reminderId: 'r1', type: 'survey', roomId: 3, bodyHash: 'ab', intentAt: 0, status: 'sent', messageId: '12',
    how: 'posted', reason: null, at: 1, body: null, deferUntil: null, outbox: false, pairs: [['r1', 'E1'], ['r1', 'E1', 'd3']],
    deliveryKind: 'task', taskIds: ['41'], taskLimit: 1_796_000_000, recall: { state: 'recalled', at: 2, reason: null },
  },
  skip: { kind: 'skip', reminderId: 'r1', userId: 'E1', type: 'praise', reason: 'not linked', at: 5, round: 'manager' },
  reminderInput: { kind: 'reminderInput', reminderId: 'r1', type: 'survey', title: '満足度調査', due: '2026-12-10', firstSeenAt: 1, lastSeenAt: 2 },
  reminderPerson: { kind: 'reminderPerson', reminderId: 'r1', userId: 'E1', firstSeenAt: 1, lastSeenAt: 2, answeredAt: null, answeredAfterRound: 'd0' },
  leave: { kind: 'leave', userId: 'E1', source: 'command', from: '2026-12-01', until: null, reason: null, setAt: '2026-11-30T00:00:00.000Z', setBy: 'admin' },
  run: {
    kind: 'run', at: 1, startedAt: 0, delivered: 0, failed: 0, skipped: 0, deferred: 0, exitCode: 0, inWindow: true,
    runId: 'a0000000-0000-4000-8000-000000000001', command: 'send-reminders', host: 'h', pid: 7, version: '1.0.0', counts: { delivered: 1, byType: { survey: 1 } },
  },
} as const;

/**
 * For every field that reaches the store, values of the wrong type (and the wrong case, for an
 * enum). Each must be refused with the error naming that field, as readDump shows it.
 */
const WRONG: Record<keyof typeof VALID, Record<string, unknown[]>> = {
  header: { format: ['himanager-chatwork', 1], version: [3, '2', 0], exportedAt: ['yesterday', 0], schemaVersion: [0, 1.5, '9'] },
  setting: { key: ['Account', 'toString', 1] },
  user: {
    id: ['', 1, null], name: ['', 'x'.repeat(256), 'a\tb', 7], email: ['taro', 'a@b', 1], department: ['x'.repeat(256), 1, null], reading: ['a\nb', 2],
    status: ['Retired', 'active', 1], statusSource: ['File', 'directory'], managerId: ['', 3], retiredAt: ['2026-12-01', 'soon', 0],
  },
  link: { userId: ['', 1], accountId: [0, -1, 1.5, '2001', Number.MAX_SAFE_INTEGER + 1, null, true], source: ['Auto', 'imported'], linkedAt: ['yesterday', null, 0] },
  rejection: { userId: [''], accountId: [0, -1, 1.5, '2001'], at: ['now', null], by: ['x'.repeat(256), 1] },
  linkHistory: {
    accountId: [0, -1, 1.5, '2001'], source: ['MANUAL'], confirmed: [1, 'true', null], linkedAt: ['then'], unlinkedAt: ['then', 0],
    reason: ['Unlinked', 'gone', 1],
  },
  destination: { type: ['Praise', 'other', null], destination: ['DM', 'room:0', 'room:-1', 'room:1.5', 'room:', 'room:12345678901234567', 'dm ', 5] },
  delivery: {
    key: ['', 1, null], reminderId: ['', 1], type: ['Survey', 'other', 1], roomId: [0, -1, 1.5, '3', null],
    bodyHash: ['x'.repeat(129), 1, null], intentAt: [-1, 1.5, '0', null], status: ['Sent', 'SENT', 'sent ', 'delivered', 'inflight', null, 1],
    messageId: ['x'.repeat(129), 12], how: ['x'.repeat(65), 1], reason: ['a\u0000b', 1], at: [-1, 1.5, '1', Number.MAX_SAFE_INTEGER + 2],
    body: ['x'.repeat(65_536), 1], deferUntil: [-1, 2.5, '1'], outbox: [0, 1, 'false', null], pairs: [[], [['r1']], [['r1', '']], [['r1', 'E1', 'd1000']], [['r1', 'E1', 'D1']], 'r1'],
    deliveryKind: ['Task', 'post', 1], taskIds: ['41', [41], ['a\nb']], taskLimit: [1.5, -1, '1'],
    recall: [{ state: 'Recalled', at: 1, reason: null }, { state: 'recalled', at: -1, reason: null }, { state: 'recalled', at: 1 }, 'recalled'],
  },
  skip: { reminderId: [''], userId: [1], type: ['Praise'], reason: [null, 1], at: [1.5, -1], round: ['D1', 'd01', 'Manager', 1] },
  reminderInput: { type: [null, 'Survey'], title: ['x'.repeat(256), null], due: ['x'.repeat(65), 1], firstSeenAt: [-1, 1.5], lastSeenAt: ['2'] },
  reminderPerson: { firstSeenAt: [null], lastSeenAt: [1.5], answeredAt: [-1, '1'], answeredAfterRound: ['d-1', 'first', 1] },
  leave: { source: ['Command', 'file'], from: ['2026-13-01', '2026/12/01', null], until: ['tomorrow', 1], reason: ['a\nb'], setAt: ['then', null], setBy: [null, 'x'.repeat(256)] },
  run: {
    at: [-1, 1.5], startedAt: ['0'], delivered: [-1, 2_147_483_648, 1.5], failed: [null], skipped: ['0'], deferred: [0.5], exitCode: [256, -1, 1.5],
    inWindow: ['yes', 1], runId: ['not-a-uuid', 1], command: ['x'.repeat(65)], host: ['x'.repeat(256)], pid: [-1, 1.5], version: [1],
    counts: [{ delivered: -1 }, { delivered: 1.5 }, { byType: { survey: 'one' } }, [1]],
  },
};

describe('every dump field that reaches the store refuses a value of the wrong type, naming the field', () => {
  it('takes the valid record of every kind', () => {
    for (const record of Object.values(VALID)) expect(dumpRecord.safeParse(record).success, record.kind).toBe(true);
  });

  for (const [kind, fields] of Object.entries(WRONG)) {
    it(`${kind}: ${Object.keys(fields).join(', ')}`, () => {
      for (const [field, values] of Object.entries(fields)) {
        for (const value of values) {
          const result = dumpRecord.safeParse({ ...VALID[kind as keyof typeof VALID], [field]: value });
          expect(result.success, `${kind}.${field} = ${JSON.stringify(value)?.slice(0, 40)}`).toBe(false);
          expect(result.error!.issues[0]!.path[0], `${kind}.${field} = ${JSON.stringify(value)?.slice(0, 40)}`).toBe(field);
        }
      }
    });
  }

  it('refuses a record that lacks a required field, and an unknown kind', () => {
    const { status: _status, ...noStatus } = VALID.delivery;
    expect(dumpRecord.safeParse(noStatus).error!.issues[0]!.path).toEqual(['status']);
    expect(dumpRecord.safeParse({ kind: 'setting', key: 'clientId' }).error!.issues[0]!.path).toEqual(['value']);
    expect(dumpRecord.safeParse({ ...VALID.link, kind: 'Link' }).success).toBe(false);
    expect(dumpRecord.safeParse({ ...VALID.link, kind: undefined }).success).toBe(false);
  });
});

describe('readDump: the first bad line stops the read, named by file, line and field', () => {
  const write = (...lines: unknown[]) => {
    const path = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'dump.ndjson');
    writeFileSync(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
    return path;
  };
  const refusal = async (path: string) => {
    const error = await readDump(path).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    return { key: (error as UsageError).key, params: (error as UsageError).params };
  };

  it('refuses a delivery whose status is "Sent" or unknown: the planner skips only "sent", so it would be sent twice', async () => {
    for (const status of ['Sent', 'SENT', 'delivered']) {
      const path = write(VALID.header, VALID.user, { ...VALID.delivery, status });
      expect(await refusal(path)).toEqual({ key: 'state.dumpBadLine', params: { file: path, line: 3, reason: expect.stringMatching(/^status: /) } });
    }
    expect((await readDump(write(VALID.header, VALID.delivery))).map((r) => r.kind === 'delivery' && r.status)).toEqual([false, 'sent']);
  });

  it('refuses an account id that is not a positive whole number, in a link and in the account setting', async () => {
    for (const accountId of [0, -1, 1.5, '2001', null]) {
      const path = write(VALID.header, { ...VALID.link, accountId });
      expect(await refusal(path), String(accountId)).toEqual({ key: 'state.dumpBadLine', params: { file: path, line: 2, reason: expect.stringMatching(/^accountId: /) } });
    }
    for (const accountId of [0, -1, 1.5, '2001']) {
      const path = write(VALID.header, { kind: 'setting', key: 'account', value: { accountId, name: 'x', chatworkId: 'x' } });
      expect(await refusal(path), String(accountId)).toEqual({ key: 'state.dumpBadLine', params: { file: path, line: 2, reason: expect.stringMatching(/^account\.accountId: /) } });
    }
    const records = await readDump(write(VALID.header, { ...VALID.link, accountId: 1 }, { kind: 'setting', key: 'account', value: { accountId: 1, name: 'x', chatworkId: 'x' } }));
    expect(records.map((r) => r.kind)).toEqual(['header', 'link', 'setting']);
  });

  it('checks a setting by its own schema and names the key: a value wrong at the top or deep inside', async () => {
    const top = write(VALID.header, { kind: 'setting', key: 'messageLang', value: 'fr' });
    expect(await refusal(top)).toEqual({ key: 'state.dumpBadLine', params: { file: top, line: 2, reason: expect.stringMatching(/^messageLang: /) } });
    const deep = write(VALID.header, { kind: 'setting', key: 'calendar', value: { timeZone: 'Asia/Tokyo', window: { start: '25:00', end: '17:00' }, weekendsOff: true, holidays: true, closures: [], extraDates: [], policy: {} } });
    expect(await refusal(deep)).toEqual({ key: 'state.dumpBadLine', params: { file: deep, line: 2, reason: expect.stringMatching(/^calendar\.window\.start: /) } });
    for (const value of ['XYZ', 'abcXYZ', 'XYZabc', 'a'.repeat(65), '']) {
      const marker = write(VALID.header, { kind: 'setting', key: 'legacyImport', value });
      expect(await refusal(marker), value).toEqual({ key: 'state.dumpBadLine', params: { file: marker, line: 2, reason: expect.stringMatching(/^legacyImport: /) } });
    }
    expect(await readDump(write(VALID.header, { kind: 'setting', key: 'legacyImport', value: 'f'.repeat(64) }))).toHaveLength(2);
    expect((await readDump(write(VALID.header, { kind: 'setting', key: 'legacyImport', value: '0a1b' }))).at(-1)).toEqual({ kind: 'setting', key: 'legacyImport', value: '0a1b' });
  });

  it('names a field anywhere in the record: the first pair, a recall, a count', async () => {
    const pair = write(VALID.header, { ...VALID.delivery, pairs: [['r1', 'E1'], ['r1', '']] });
    expect((await refusal(pair)).params).toMatchObject({ line: 2, reason: expect.stringMatching(/^pairs\.1\.1: /) });
    const recall = write(VALID.header, { ...VALID.delivery, recall: { state: 'Recalled', at: 1, reason: null } });
    expect((await refusal(recall)).params).toMatchObject({ reason: expect.stringMatching(/^recall\.state: /) });
  });

  it('refuses a NUL or a __proto__ key anywhere, before the schema, naming where', async () => {
    const nul = write(VALID.header, { ...VALID.user, name: 'a\u0000b' });
    expect(await refusal(nul)).toEqual({ key: 'state.dumpBadLine', params: { file: nul, line: 2, reason: 'name: NUL character' } });
    const proto = write(VALID.header, '{"kind":"user","id":"E1","name":"x","email":"a@b.jp","__proto__":{"x":1}}');
    expect(await refusal(proto)).toEqual({ key: 'state.dumpBadLine', params: { file: proto, line: 2, reason: '__proto__: not a field' } });
    const deep = write(VALID.header, { ...VALID.delivery, pairs: [['r1', 'E1'], ['r\u0000', 'E1']] });
    expect(await refusal(deep)).toEqual({ key: 'state.dumpBadLine', params: { file: deep, line: 2, reason: 'pairs.1.0: NUL character' } });
    const top = write(VALID.header, '"a\\u0000"');
    expect(await refusal(top)).toEqual({ key: 'state.dumpBadLine', params: { file: top, line: 2, reason: 'kind: NUL character' } });
  });

  it('refuses a line that is not JSON, or not a record, or a kind it does not know', async () => {
    const broken = write(VALID.header, '{"kind":"user",');
    expect(await refusal(broken)).toEqual({ key: 'state.dumpBadLine', params: { file: broken, line: 2, reason: 'not JSON' } });
    const scalar = write(VALID.header, '42');
    expect(await refusal(scalar)).toEqual({ key: 'state.dumpBadLine', params: { file: scalar, line: 2, reason: expect.stringMatching(/^kind: /) } });
    const kind = write(VALID.header, { kind: 'secret', value: 'x' });
    expect(await refusal(kind)).toEqual({ key: 'state.dumpBadLine', params: { file: kind, line: 2, reason: expect.stringMatching(/^kind: /) } });
  });

  it('needs the header first, and a file with something in it; blank lines are skipped and counted', async () => {
    const headless = write(VALID.user, VALID.header);
    expect(await refusal(headless)).toEqual({ key: 'state.dumpNoHeader', params: { file: headless, format: 'himanager-chatwork-state' } });
    const empty = write('', '  ');
    expect(await refusal(empty)).toEqual({ key: 'state.dumpNoHeader', params: { file: empty, format: 'himanager-chatwork-state' } });
    const blanks = write('', VALID.header, '   ', VALID.user, '', { ...VALID.link, accountId: 0 });
    expect((await refusal(blanks)).params).toMatchObject({ line: 6 });
    expect((await readDump(write('', VALID.header, '  ', VALID.user, ''))).map((r) => r.kind)).toEqual(['header', 'user']);
  });

  it('names a missing file, a line that is not UTF-8, and a file over the input limit', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'none.ndjson');
    expect(await refusal(missing)).toEqual({ key: 'state.dumpMissing', params: { file: missing } });
    const latin = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'dump.ndjson');
    writeFileSync(latin, Buffer.concat([Buffer.from(`${JSON.stringify(VALID.header)}\n`), Buffer.from([0x7b, 0xe9, 0x7d, 0x0a])]));
    expect(await refusal(latin)).toEqual({ key: 'state.dumpBadLine', params: { file: latin, line: 2, reason: 'not UTF-8' } });
    const path = write(VALID.header, VALID.user);
    const size = JSON.stringify(VALID.header).length + 1 + Buffer.byteLength(JSON.stringify(VALID.user));
    expect(await readDump(path, size)).toHaveLength(2);
    await expect(readDump(path, size - 1)).rejects.toMatchObject({ key: 'inputs.tooLarge' });
  });

  it('states the line limit in megabytes', async () => {
    const path = write(VALID.header, VALID.user);
    await expect(readDump(path, undefined, 2 * 1024 * 1024)).resolves.toHaveLength(2);
    await expect(readDump(path, undefined, 100)).rejects.toMatchObject({ key: 'state.dumpLineTooLong', params: { file: path, line: 1, megabytes: 100 / 1024 / 1024 } });
  });
});
