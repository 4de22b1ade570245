import { describe, expect, it } from 'vitest';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { diffDirectory, retireShare, type DirectoryDiff } from '../../src/himanager-users/directory-diff.js';
import type { StoredUser } from '../../src/store/store.js';

// The one rule of `users import` / `users sync`, at each of its lines: added, changed (which
// fields), retired (absent or 退職, ending a link), reactivated, a command's status against the
// file's, and the places the rows keep.
const AT = '2026-12-01T00:00:00.000Z';
const person = (id: string, extra: Partial<HiManagerUser> = {}): HiManagerUser => ({ id, name: id, email: `${id}@x.jp`, ...extra });
const stored = (id: string, position: number, extra: Partial<HiManagerUser> = {}, statusSource: StoredUser['statusSource'] = 'file'): StoredUser =>
  ({ user: person(id, extra), position, statusSource });
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '' });
const diffOf = (users: StoredUser[], file: HiManagerUser[], links = new Map<string, Link>()) => diffDirectory({ users, links }, file, AT);

describe('added and changed', () => {
  it('a newcomer is added after the last place; one retired in the file is added retired, and not counted active', () => {
    const { diff, write } = diffOf([stored('a', 4)], [person('a'), person('n'), person('r', { status: 'retired' })]);
    expect(diff.added).toEqual([{ id: 'n', name: 'n' }, { id: 'r', name: 'r' }]);
    expect(diff.activeAfter).toBe(2);
    expect(write.upsert).toEqual([
      { user: person('n'), position: 5, statusSource: 'file' },
      { user: person('r', { status: 'retired', retiredAt: AT }), position: 6, statusSource: 'file' },
    ]);
  });

  it('names every field that changed, an absent field and an empty one being the same; an unchanged row is not written', () => {
    const before = [stored('a', 0, { department: '', reading: 'えー' }), stored('b', 1, { managerId: 'a' }), stored('c', 2)];
    const { diff, write } = diffOf(before, [person('a', { name: 'A', email: 'A@x.jp', reading: 'えい' }), person('b', { managerId: 'c', status: 'on-leave' }), person('c')]);
    expect(diff.changed).toEqual([{ id: 'a', name: 'A', fields: ['name', 'email', 'reading'] }, { id: 'b', name: 'b', fields: ['status', 'managerId'] }]);
    expect(write.upsert.map((row) => row.user.id)).toEqual(['a', 'b']);
    expect(diff).toMatchObject({ added: [], retired: [], reactivated: [], activeBefore: 3, activeAfter: 3 });
  });

  it('a row moved but unchanged is written with its new place, and no change is reported', () => {
    const { diff, write } = diffOf([stored('a', 0), stored('b', 1)], [person('b'), person('a')]);
    expect(diff.changed).toEqual([]);
    expect(write.upsert.map((row) => [row.user.id, row.position])).toEqual([['b', 0], ['a', 1]]);
  });

  it('the same places in the same order keep them, even with gaps and ties', () => {
    const { write } = diffOf([stored('a', 0), stored('b', 5), stored('c', 5)], [person('a'), person('b'), person('c'), person('d')]);
    expect(write.upsert.map((row) => [row.user.id, row.position])).toEqual([['d', 6]]);
  });
});

describe('a command\'s status and the file\'s', () => {
  it('on leave by a command stays on leave when the file says active, and the row keeps saying a command set it', () => {
    const { diff, write } = diffOf([stored('a', 0, { status: 'on-leave' }, 'command')], [person('a', { name: 'A' })]);
    expect(diff.changed).toEqual([{ id: 'a', name: 'A', fields: ['name'] }]);
    expect(write.upsert).toEqual([{ user: person('a', { name: 'A', status: 'on-leave' }), position: 0, statusSource: 'command' }]);
  });

  it('a file status on a row a command did not set is the file\'s: on leave, then active again', () => {
    const leave = diffOf([stored('a', 0)], [person('a', { status: 'on-leave' })]);
    expect(leave.write.upsert).toEqual([{ user: person('a', { status: 'on-leave' }), position: 0, statusSource: 'file' }]);
    const back = diffOf([stored('a', 0, { status: 'on-leave' })], [person('a')]);
    expect(back.diff.changed).toEqual([{ id: 'a', name: 'a', fields: ['status'] }]);
    expect(back.write.upsert[0]!.user).toEqual(person('a'));
  });

  it('a command\'s active status with the file saying on leave: the command wins, nothing changes', () => {
    const { diff, write } = diffOf([stored('a', 0, {}, 'command')], [person('a', { status: 'on-leave' })]);
    expect(diff.changed).toEqual([]);
    expect(write.upsert).toEqual([]);
  });

  it('退職 in the file wins over a command, ends the link and is written by the file', () => {
    const { diff, write } = diffOf([stored('a', 0, { status: 'on-leave' }, 'command')], [person('a', { status: 'retired' })], new Map([['a', link(9)]]));
    expect(diff.retired).toEqual([{ id: 'a', name: 'a', cause: 'status', accountId: 9 }]);
    expect(write.endLinks).toEqual(['a']);
    expect(write.upsert).toEqual([{ user: person('a', { status: 'retired', retiredAt: AT }), position: 0, statusSource: 'file' }]);
    expect(diff.activeAfter).toBe(0);
  });
});

describe('retired and reactivated', () => {
  it('someone absent from the file is retired where they were, their link ending; the already retired stay as they are', () => {
    const before = [stored('a', 0), stored('b', 1), stored('old', 2, { status: 'retired', retiredAt: '2020-01-01T00:00:00.000Z' })];
    const { diff, write } = diffOf(before, [person('a')], new Map([['b', link(2)], ['a', link(1)]]));
    expect(diff.retired).toEqual([{ id: 'b', name: 'b', cause: 'absent', accountId: 2 }]);
    expect(write).toEqual({ upsert: [{ user: person('b', { status: 'retired', retiredAt: AT }), position: 1, statusSource: 'file' }], endLinks: ['b'], at: AT, reason: 'retired' });
    expect(diff).toMatchObject({ activeBefore: 2, activeAfter: 1 });
  });

  it('someone retired without a link: retired, no link to end', () => {
    const { diff, write } = diffOf([stored('a', 0)], []);
    expect(diff.retired).toEqual([{ id: 'a', name: 'a', cause: 'absent' }]);
    expect(write.endLinks).toEqual([]);
  });

  it('someone retired earlier and still 退職 in the file keeps the date of their retirement, and is not retired again', () => {
    const { diff, write } = diffOf([stored('a', 0, { status: 'retired', retiredAt: '2020-01-01T00:00:00.000Z' })], [person('a', { status: 'retired' })]);
    expect(diff.retired).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(write.upsert).toEqual([]);
    expect(diff).toMatchObject({ activeBefore: 0, activeAfter: 0 });
  });

  it('a retired person in the file again is reactivated, not reported changed, and written without the retirement', () => {
    const { diff, write } = diffOf([stored('a', 0, { status: 'retired', retiredAt: '2020-01-01T00:00:00.000Z' })], [person('a', { name: 'A' })]);
    expect(diff.reactivated).toEqual([{ id: 'a', name: 'A' }]);
    expect(diff.changed).toEqual([]);
    expect(write.upsert).toEqual([{ user: person('a', { name: 'A' }), position: 0, statusSource: 'file' }]);
  });
});

describe('retireShare', () => {
  const share = (retired: number, activeBefore: number) =>
    retireShare({ added: [], changed: [], reactivated: [], activeAfter: 0, activeBefore, retired: Array.from({ length: retired }, (_, i) => ({ id: `r${i}`, name: '', cause: 'absent' })) } as DirectoryDiff);
  it('is the retired share of the people active before, in percent, and 0 for an empty directory', () => {
    expect(share(1, 4)).toBe(25);
    expect(share(3, 3)).toBe(100);
    expect(share(0, 0)).toBe(0);
    expect(share(0, 5)).toBe(0);
  });
});
