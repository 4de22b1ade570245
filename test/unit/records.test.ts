import { describe, expect, it } from 'vitest';
import { parseUsersFile } from '../../src/himanager-users/users-file.js';
import { parseRecords } from '../../src/delivery/input-records.js';
import { validateReminders } from '../../src/delivery/reminders.js';
import { parseLinksFile } from '../../src/linking/links-file.js';

const users = [{ id: 'E1', name: '山田 太郎', email: 'e1@x.jp' }];
const keys = (problems: { line: number; key: string; params?: Record<string, unknown> }[]) => problems.map((p) => [p.line, p.key, p.params?.field]);

describe('every record read from a file goes through one schema', () => {
  it('users: a value that is not text, NUL, a line break or an escape is an error naming line and field', () => {
    const json = JSON.stringify([
      { id: 'A', name: { a: 1 }, email: 'a@x.jp' }, { id: ['B'], name: 'B', email: 'b@x.jp' },
      { id: 'C', name: 'C\u0000', email: 'c@x.jp' }, { id: 'D', name: 'D', email: 'd@x.jp', department: '\x1b[31m営業' },
      { id: 1001, name: 'Numeric id', email: 'n@x.jp' },
    ]);
    expect(keys(parseUsersFile('u.json', json).problems)).toEqual([
      [1, 'record.notText', 'name'], [2, 'record.notText', 'id'], [3, 'record.control', 'name'], [4, 'record.control', 'department'],
    ]);
    const csv = 'id,name,email\nA,"Ann\nBee",a@x.jp\nB,Bo\u0000b,b@x.jp\n';
    expect(keys(parseUsersFile('u.csv', csv).problems)).toEqual([[3, 'record.control', 'name'], [4, 'record.control', 'name']]);
    expect(parseUsersFile('u.json', JSON.stringify([{ id: 1001, name: 'N', email: 'n@x.jp' }])).users[0]!.id).toBe('1001');
  });

  it('reminders: objects, NUL and line breaks in a title are errors naming record and field; a message may have line breaks', () => {
    const text = [
      { id: 'r1', type: 'survey', to: 'E1', title: { text: 'x' } },
      { id: 'r2', type: 'survey', to: 'E1', title: 'NUL\u0000' },
      { id: 'r3', type: 'survey', to: 'E1', title: 'two\nlines' },
      { id: 'r4', type: 'survey', to: { id: 'E1' }, title: 't' },
      { id: 'r5', type: 'praise', to: 'E1', from: 'E1', message: 'よく頑張りました。\nありがとう！' },
    ].map((r) => JSON.stringify(r)).join('\n');
    const { problems } = validateReminders(parseRecords('r.ndjson', text), users);
    expect(keys(problems)).toEqual([[1, 'record.notText', 'title'], [2, 'record.control', 'title'], [3, 'record.control', 'title'], [4, 'record.notText', 'to']]);
  });

  it('links: an account id that is not a number is an error naming the field', () => {
    const csv = 'user_id,account_id\nE1,12ab\n';
    const { problems } = parseLinksFile('l.csv', csv, { users, links: {} }, [], '2026-12-02T00:00:00Z');
    expect(keys(problems)).toEqual([[2, 'linksFile.badAccount', 'account_id']]);
  });
});

describe('a JSON array of reminders is read one record at a time', () => {
  it('gives each record the line it starts on', () => {
    const text = '[\n  {"id": "r1", "type": "survey", "to": "E1", "title": "a"},\n\n  {"id": "r2", "type": "survey",\n   "to": "nobody", "title": "b"}\n]';
    expect([...parseRecords('r.json', text)].map((r) => [r.record, r.line, r.values.id])).toEqual([[1, 2, 'r1'], [2, 4, 'r2']]);
  });

  it('a record malformed inside names its line and column in the whole file', () => {
    const text = '[\n  {"id": "r1", "type": "survey", "to": "E1", "title": "a"},\n  {"id": "r2" "type": "survey"}\n]';
    let error: unknown;
    try { void [...parseRecords('r.json', text)]; } catch (caught) { error = caught; }
    expect(error).toMatchObject({ key: 'input.badJson', details: [{ key: 'parse.jsonAt', params: { line: 3 } }] });
  });
});
