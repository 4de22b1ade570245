import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { readTable } from '../../src/himanager-users/table-file.js';

const ALIASES = { id: ['社員番号', 'user id'], name: ['氏名'], email: ['メールアドレス', 'e-mail'] };

function refusal(path: string, text: string): { key: string; params: unknown; details: unknown } {
  try {
    readTable(path, text, ALIASES);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { key: (error as UsageError).key, params: (error as UsageError).params, details: (error as UsageError).details };
  }
  throw new Error('not refused');
}

describe('a CSV table', () => {
  it('maps headers through the aliases whatever their width, case, spacing, _ or -, and keeps each row with its line', () => {
    const { rows, columns, problems } = readTable('u.csv', '\uFEFF社員番号, ＵＳＥＲ＿ＩＤ ,Ｅ－Ｍａｉｌ,備考,氏名\r\n E1 ,x, a@b.jp ,メモ,山田\r\n\r\n"E2",y,c@d.jp,,"佐藤, 花子"\r\n', ALIASES);
    expect([...columns].sort()).toEqual(['email', 'id', 'name']);
    expect(problems).toEqual([]);
    // Two headers for one name: the later cell is the value; a header that is no column is left out.
    expect(rows).toEqual([
      { line: 2, values: { id: 'x', email: 'a@b.jp', name: '山田' } },
      { line: 4, values: { id: 'y', email: 'c@d.jp', name: '佐藤, 花子' } },
    ]);
  });

  it('takes the canonical name itself, and an alias written with spaces, underscores or hyphens in it', () => {
    const { rows } = readTable('u.csv', 'ID,user_id,E MAIL\n1,2,3\n', { id: [], other: ['user id'], email: ['e-mail'] });
    expect(rows).toEqual([{ line: 2, values: { id: '1', other: '2', email: '3' } }]);
  });

  it('reports a row with fewer cells than the header (a file cut short) by its line, and keeps the others', () => {
    const { rows, problems } = readTable('u.csv', 'id,name,email\nE1,山田,a@b.jp\nE2,佐藤\nE3,鈴木,c@d.jp,extra\n', ALIASES);
    expect(problems).toEqual([{ line: 3, key: 'table.shortRow', params: { found: 2, expected: 3 } }]);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(readTable('u.csv', 'id,name\nE1,a', ALIASES).problems).toEqual([]);
  });

  it('refuses a file with no lines, and a CSV it cannot parse, by line', () => {
    expect(refusal('u.csv', '')).toMatchObject({ key: 'table.empty', params: { path: 'u.csv' } });
    expect(refusal('u.csv', '\n\n')).toMatchObject({ key: 'table.empty', params: { path: 'u.csv' } });
    expect(refusal('u.csv', 'id,name\nE1,"open\n')).toMatchObject({ key: 'table.badCsv', params: { path: 'u.csv', line: expect.any(Number) }, details: [{ key: 'parse.csvQuoteNotClosed' }] });
    expect(refusal('u.csv', 'id,name\nE1,a"b"c\n')).toMatchObject({ key: 'table.badCsv', params: { path: 'u.csv', line: 2 } });
  });

  it('drops only a byte-order mark at the very start: U+FEFF inside a cell is kept', () => {
    expect(readTable('u.csv', 'id,name\nE1,a\uFEFFb\n', ALIASES).rows).toEqual([{ line: 2, values: { id: 'E1', name: 'a\uFEFFb' } }]);
  });

  it('reads a header-only file as no rows', () => {
    expect(readTable('u.csv', 'id,name\n', ALIASES)).toEqual({ rows: [], columns: new Set(['id', 'name']), problems: [] });
  });
});

describe('a JSON table', () => {
  it('is JSON by its name or by its first character, a BOM and spaces before it allowed', () => {
    const json = JSON.stringify([{ 社員番号: 'E1', 氏名: '山田', 'e-mail': 'a@b.jp', 備考: 'x' }]);
    const expected = { rows: [{ line: 1, values: { id: 'E1', name: '山田', email: 'a@b.jp' } }], columns: new Set(['id', 'name', 'email']), problems: [] };
    expect(readTable('u.json', json, ALIASES)).toEqual(expected);
    expect(readTable('u.JSON', json, ALIASES)).toEqual(expected);
    expect(readTable('u.csv', `\uFEFF \n${json}`, ALIASES)).toEqual(expected);
    expect(readTable('u.txt', json, ALIASES)).toEqual(expected);
    // A CSV whose first cell starts with [ is not it: only the very start of the text, after white space.
    expect(readTable('u.csv', 'id,name\n[x],y\n', ALIASES).rows).toEqual([{ line: 2, values: { id: '[x]', name: 'y' } }]);
    expect(readTable('u.json.csv', 'id\nE1\n', ALIASES).rows).toEqual([{ line: 2, values: { id: 'E1' } }]);
  });

  it('keeps values as written for the schema to judge, leaves out null ones, and numbers each record', () => {
    const { rows, columns, problems } = readTable('u.json', JSON.stringify([{ id: 7, name: null, email: ['x'] }, { id: 'E2' }]), ALIASES);
    expect(rows).toEqual([{ line: 1, values: { id: 7, email: ['x'] } }, { line: 2, values: { id: 'E2' } }]);
    expect([...columns].sort()).toEqual(['email', 'id']);
    expect(problems).toEqual([]);
  });

  it('reports an item that is not an object by its record number, and reads the rest', () => {
    const { rows, problems } = readTable('u.json', JSON.stringify([{ id: 'E1' }, 'E2', null, ['E3'], 4]), ALIASES);
    expect(problems).toEqual([2, 3, 4, 5].map((line) => ({ line, key: 'reminder.notObject' })));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ line: 1, values: { id: 'E1' } });
    expect(rows[1]).toEqual({ line: 2, values: {} });
  });

  it('refuses JSON it cannot parse, saying where, and JSON that is not an array', () => {
    expect(refusal('u.json', '[{"id": }]')).toMatchObject({ key: 'table.badJson', params: { path: 'u.json' }, details: [{ key: expect.stringMatching(/^parse\.json/) }] });
    expect(refusal('u.csv', '[{"id": "E1"')).toMatchObject({ key: 'table.badJson', params: { path: 'u.csv' } });
    expect(refusal('u.json', '{"id": "E1"}')).toMatchObject({ key: 'table.badJson', params: { path: 'u.json' }, details: [{ key: 'parse.notArray' }] });
  });
});
