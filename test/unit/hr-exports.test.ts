import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/himanager-users/read-text.js';
import { parseUsersFile } from '../../src/himanager-users/users-file.js';
import { diffDirectory } from '../../src/himanager-users/directory-diff.js';
import type { StoredUser } from '../../src/store/store.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'hr-exports');
async function parsed(name: string) {
  const { text, encoding } = await decodeText(readFileSync(join(dir, name)), name);
  return { encoding, ...parseUsersFile(name, text) };
}

describe('the HR systems\' exports', () => {
  it.each([
    ['smarthr.csv', 'cp932'], ['freee.csv', 'cp932'], ['jobcan.csv', 'cp932'], ['kaonavi.csv', 'utf8'], ['moneyforward.csv', 'utf8'], ['english.csv', 'utf8'],
  ])('%s (%s): names joined from 姓 and 名, readings, e-mail', async (name, encoding) => {
    const file = await parsed(name);
    expect(file.problems).toEqual([]);
    expect(file.encoding).toBe(encoding);
    expect(file.users[0]).toMatchObject({ name: name === 'english.csv' ? 'Taro Yamada' : '山田 太郎', email: 'taro.yamada@sample.co.jp', reading: 'ヤマダ タロウ' });
  });

  it('reads the status and the manager: 在職中/休職中/退職済, 在籍/休職, on leave/retired, 上長社員番号, Manager ID', async () => {
    expect((await parsed('smarthr.csv')).users.map((u) => u.status)).toEqual([undefined, 'on-leave', 'retired', undefined]);
    expect((await parsed('kaonavi.csv')).users.map((u) => [u.status, u.managerId])).toEqual([[undefined, undefined], ['on-leave', 'K001'], [undefined, 'K001']]);
    expect((await parsed('english.csv')).users.map((u) => [u.name, u.status, u.managerId])).toEqual([
      ['Taro Yamada', undefined, undefined], ['Ann Smith', 'on-leave', 'E101'], ['Misaki Suzuki', 'retired', 'E101'],
    ]);
  });

  it('names the file, the missing column and every accepted header (姓 + 名 too)', () => {
    const { problems } = parseUsersFile('export.csv', '社員番号,メールアドレス\nA,a@x.jp\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, key: 'table.missingColumn', params: { column: 'name' } });
    expect(String(problems[0]!.params!.aliases)).toContain('氏名');
    expect(String(problems[0]!.params!.aliases)).toContain('姓 / 苗字 / 名字 / last name / family name / surname + 名 / first name / given name');
  });

  it('refuses a status no export uses, naming the value and the accepted ones', () => {
    const { problems } = parseUsersFile('u.csv', 'id,name,email,status\nA,Ann,a@x.jp,gone fishing\n');
    expect(problems).toEqual([{ line: 2, key: 'users.badStatus', params: { value: 'gone fishing', accepted: expect.stringContaining('休職') } }]);
  });
});

describe('the one rule of users import and users sync', () => {
  const stored = (id: string, extra: Partial<StoredUser> & { status?: 'on-leave' | 'retired' } = {}): StoredUser => ({
    user: { id, name: id, email: `${id}@x.jp`, ...(extra.status ? { status: extra.status } : {}) }, position: 0, statusSource: extra.statusSource ?? 'file',
  });
  it('a status set by a command wins over the file\'s active or on-leave, never over 退職', () => {
    const current = { users: [stored('a', { status: 'on-leave', statusSource: 'command' }), stored('b', { statusSource: 'command' })], links: new Map() };
    const { diff, write } = diffDirectory(current, [{ id: 'a', name: 'a', email: 'a@x.jp' }, { id: 'b', name: 'b', email: 'b@x.jp', status: 'retired' }], '2026-12-01T00:00:00.000Z');
    expect(diff.changed).toEqual([]);
    expect(diff.retired).toEqual([{ id: 'b', name: 'b', cause: 'status' }]);
    expect(write.upsert.find((row) => row.user.id === 'a')).toBeUndefined();
  });

  it('retires the absent (ending their link), reactivates the returning, counts the share against those in the directory', () => {
    const link = { accountId: 7, source: 'manual' as const, linkedAt: '' };
    const current = { users: [stored('a'), stored('b'), stored('c', { status: 'retired' })], links: new Map([['b', link]]) };
    const { diff, write } = diffDirectory(current, [{ id: 'a', name: 'a', email: 'a@x.jp' }, { id: 'c', name: 'c', email: 'c@x.jp' }], 'T');
    expect(diff).toMatchObject({ retired: [{ id: 'b', cause: 'absent', accountId: 7 }], reactivated: [{ id: 'c' }], activeBefore: 2, activeAfter: 2 });
    expect(write.endLinks).toEqual(['b']);
    expect(write.upsert.find((row) => row.user.id === 'c')!.user).not.toHaveProperty('retiredAt');
  });
});

describe('the directory order', () => {
  const row = (id: string, position: number): StoredUser => ({ user: { id, name: id, email: `${id}@x.jp` }, position, statusSource: 'file' });
  const user = (id: string) => ({ id, name: id, email: `${id}@x.jp` });
  it('an export in the same order writes only what changed: a leaver does not move everyone behind them', () => {
    const { write } = diffDirectory({ users: [row('a', 0), row('b', 1), row('c', 2)], links: new Map() }, [user('a'), user('c'), user('d')], 'T');
    expect(write.upsert.map((r) => [r.user.id, r.position])).toEqual([['d', 3], ['b', 1]]);
  });
  it('a reordered export rewrites the places from the file', () => {
    const { write } = diffDirectory({ users: [row('a', 0), row('b', 1)], links: new Map() }, [user('b'), user('a')], 'T');
    expect(write.upsert.map((r) => [r.user.id, r.position])).toEqual([['b', 0], ['a', 1]]);
  });
});
