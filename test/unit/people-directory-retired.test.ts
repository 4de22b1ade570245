import { describe, expect, it } from 'vitest';
import type { HiManagerUser } from '../../src/domain.js';
import { diffDirectory } from '../../src/himanager-users/directory-diff.js';
import type { StoredUser } from '../../src/store/store.js';

// A person already retired, seen again by `users import` / `users sync`: still 退職 in the file,
// they are neither reported back nor retired again; a row that said a command set its status
// (as a restored dump may carry) is written once more, saying the file set it.
const AT = '2026-12-01T00:00:00.000Z';
const LEFT = '2020-01-01T00:00:00.000Z';
const person = (id: string, extra: Partial<HiManagerUser> = {}): HiManagerUser => ({ id, name: id, email: `${id}@x.jp`, ...extra });
const retired = (id: string, position: number, statusSource: StoredUser['statusSource'] = 'file'): StoredUser =>
  ({ user: person(id, { status: 'retired', retiredAt: LEFT }), position, statusSource });

describe('a person retired before, 退職 in the file again', () => {
  it('is not reported reactivated, changed or retired, and is not written', () => {
    const { diff, write } = diffDirectory({ users: [retired('a', 0)], links: new Map() }, [person('a', { status: 'retired' })], AT);
    expect(diff).toEqual({ added: [], changed: [], retired: [], reactivated: [], activeBefore: 0, activeAfter: 0 });
    expect(write.upsert).toEqual([]);
  });

  it('a row that said a command set its status is written again as the file\'s, keeping the date they left, and nothing is reported', () => {
    const { diff, write } = diffDirectory({ users: [retired('a', 3, 'command')], links: new Map() }, [person('a', { status: 'retired' })], AT);
    expect(diff).toEqual({ added: [], changed: [], retired: [], reactivated: [], activeBefore: 0, activeAfter: 0 });
    expect(write.upsert).toEqual([{ user: person('a', { status: 'retired', retiredAt: LEFT }), position: 3, statusSource: 'file' }]);
  });
});
