import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, readTextFile } from '../../src/himanager-users/read-text.js';
import { parseUsersFile } from '../../src/himanager-users/users-file.js';

const CSV = '社員番号,氏名,メールアドレス,部署\r\nE1,山田 太郎,Taro@Example.jp,営業部\r\nE2,"髙橋, 一郎",ichiro@example.jp,開発部\r\n';

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hmcw-users-')), name);
  writeFileSync(path, content);
  return path;
}

describe('user directory files', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), 'utf8'],
    ['UTF-8 without BOM', Buffer.from(CSV), 'utf8'],
    ['Shift_JIS (CP932)', iconv.encode(CSV, 'cp932'), 'cp932'],
  ])('reads %s, detecting the encoding', async (_label, bytes, encoding) => {
    const path = file('users.csv', bytes);
    const { text, encoding: detected } = await readTextFile(path);
    expect(detected).toBe(encoding);
    const { users, problems } = parseUsersFile(path, text);
    expect(problems).toEqual([]);
    expect(users).toEqual([
      { id: 'E1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部' },
      { id: 'E2', name: '髙橋, 一郎', email: 'ichiro@example.jp', department: '開発部' },
    ]);
  });

  it.each([
    ['フリガナ', 'ヤマダ タロウ'], ['ふりがな', 'やまだ たろう'], ['氏名カナ', 'ﾔﾏﾀﾞ ﾀﾛｳ'], ['カナ', 'ヤマダ　タロウ'], ['kana', 'ヤマダ タロウ'], ['reading', 'ヤマダ タロウ'],
  ])('reads a reading column headed %s', (header, value) => {
    const { users, problems } = parseUsersFile('u.csv', `社員番号,氏名,${header},メールアドレス\nE1,山田 太郎,${value},taro@x.jp\n`);
    expect(problems).toEqual([]);
    expect(users[0]!.reading).toBe(value.normalize('NFKC').replace(/\u3000/g, ' '));
  });

  it.each([['姓カナ', '名カナ'], ['セイ', 'メイ']])('joins family and given readings from %s and %s', (family, given) => {
    const { users } = parseUsersFile('u.csv', `id,name,email,${family},${given}\nE1,山田 太郎,taro@x.jp,ﾔﾏﾀﾞ,タロウ\n`);
    expect(users[0]!.reading).toBe('ヤマダ タロウ');
  });

  it('leaves the reading out when the column is absent or blank', () => {
    const { users } = parseUsersFile('u.csv', 'id,name,email,フリガナ\nE1,山田 太郎,taro@x.jp,\n');
    expect(users[0]).toEqual({ id: 'E1', name: '山田 太郎', email: 'taro@x.jp' });
  });

  it('tells CP932 from UTF-8 even for a file of only kana', () => {
    expect(detectEncoding(iconv.encode('ア,イ\r\n', 'cp932'))).toBe('cp932');
    expect(detectEncoding(Buffer.from('ア,イ\r\n'))).toBe('utf8');
  });

  it('takes English headers, and JSON', () => {
    expect(parseUsersFile('u.csv', 'id,name,email\nA,Ann,ann@x.jp\n').users).toHaveLength(1);
    const json = JSON.stringify([{ ユーザーID: 'A', 名前: 'アン', mail: 'a@x.jp' }]);
    expect(parseUsersFile('u.json', json).users).toEqual([{ id: 'A', name: 'アン', email: 'a@x.jp' }]);
  });

  it('reports every problem with its line, and returns no users', () => {
    const csv = [
      'id,name,email', 'A,Ann,ann@x.jp', ',Bob,bob@x.jp', 'A,Ann2,ann2@x.jp', 'C,Cy,ANN@x.jp', 'D,Di,not-an-email',
      '"E","multi', 'line",e@x.jp', 'F,,f@x.jp',
    ].join('\n');
    const { users, problems } = parseUsersFile('u.csv', csv);
    expect(users).toEqual([]);
    expect(problems.map((p) => [p.line, p.key, p.params])).toEqual([
      [3, 'table.empty.field', { field: 'id', value: '' }],
      [4, 'table.duplicate', { field: 'id', value: 'A', first: 2 }],
      [5, 'table.duplicate', { field: 'email', value: 'ann@x.jp', first: 2 }],
      [6, 'users.badEmail', { field: 'email', value: 'not-an-email' }],
      // A line break in a name would break the mention line of every message.
      [8, 'record.control', { field: 'name', value: 'multi\nline' }],
      [9, 'table.empty.field', { field: 'name', value: '' }],
    ]);
  });

  it('names a missing column with the headers it accepts', () => {
    const { problems } = parseUsersFile('u.csv', '社員番号,氏名\nA,Ann\n');
    expect(problems).toEqual([{ line: 1, key: 'table.missingColumn', params: { column: 'email', aliases: 'email / メールアドレス / メール / 会社メールアドレス / 業務用メールアドレス / ログインメールアドレス / e-mail / mail / email address / work email' } }]);
  });
});
