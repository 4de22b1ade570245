import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { diffDirectory } from '../../src/himanager-users/directory-diff.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * The directory's rows in a real SQLite store: lookups by id and by e-mail as an admin types
 * them, the links a replaced directory leaves without a person, and the rows a sync leaves in
 * the file (the ended link kept in ended_links, a status spelled as the schema spells it).
 */
let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hmcw-directory-rows-'));
  store = await openSqliteStore(join(dir, 'state.db'), { clock: createFakeClock(), configDir: dir });
});
afterEach(async () => { await store.close(); await rm(dir, { recursive: true, force: true }); });

const LINKED = '2026-11-01T00:00:00.000Z';
const AT = '2026-12-01T00:00:00.000Z';
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: LINKED });
const user = (id: string, extra: Partial<HiManagerUser> = {}): HiManagerUser => ({ id, name: `User ${id}`, email: `${id.toLowerCase()}@example.com`, ...extra });
const ids = (users: HiManagerUser[]) => users.map((u) => u.id).sort();
const rows = (sql: string) => {
  const db = new DatabaseSync(join(dir, 'state.db'), { readOnly: true });
  try { return db.prepare(sql).all().map((row) => ({ ...row })); } finally { db.close(); }
};

describe('users.lookup', () => {
  it('finds a person by an id typed with spaces around it', async () => {
    await store.users.replaceAll([user('E1'), user('E2')]);
    expect(ids(await store.users.lookup([' E1 ', '\tE2']))).toEqual(['E1', 'E2']);
  });

  it('finds a person by an e-mail typed with spaces around it, in another case or in full width', async () => {
    await store.users.replaceAll([user('E1'), user('E2'), user('E3')]);
    expect(ids(await store.users.lookup([' e1@example.com ']))).toEqual(['E1']);
    expect(ids(await store.users.lookup(['E2@Example.COM']))).toEqual(['E2']);
    expect(ids(await store.users.lookup(['ｅ３＠ｅｘａｍｐｌｅ．ｃｏｍ']))).toEqual(['E3']);
  });

  it('an id lookup is exact but for the spaces: another case of an id is nobody', async () => {
    await store.users.replaceAll([user('E1')]);
    expect(await store.users.lookup(['e1', 'E1x'])).toEqual([]);
  });
});

describe('users.replaceAll', () => {
  it('lists as orphaned only the links of people no longer in the directory', async () => {
    await store.users.replaceAll([user('a'), user('b'), user('c')]);
    await store.links.set(new Map([['a', link(1)], ['b', link(2)], ['ghost', link(3)]]));
    expect(await store.users.replaceAll([user('a'), user('c')])).toEqual({ added: [], changed: [], removed: ['b'], orphanedLinks: ['b', 'ghost'] });
  });
});

describe('users.applyDirectory: the rows a sync leaves', () => {
  it('a person who left: their link is kept in ended_links with when and why; the others\' status is written as active', async () => {
    await store.users.replaceAll([user('a'), user('b'), user('c')]);
    await store.links.set(new Map([['a', link(1)], ['b', link(2)]]), { confirmed: true });
    const diff = await store.users.applyDirectory((current) => {
      const { diff, write } = diffDirectory(current, [user('b', { name: 'B renamed' }), user('c', { status: 'on-leave' })], AT);
      return { result: diff, write };
    });
    expect(diff.retired).toEqual([{ id: 'a', name: 'User a', cause: 'absent', accountId: 1 }]);
    expect(rows('SELECT user_id, account_id, source, linked_at, ended_at, reason FROM ended_links'))
      .toEqual([{ user_id: 'a', account_id: 1, source: 'manual', linked_at: LINKED, ended_at: AT, reason: 'retired' }]);
    expect(rows('SELECT id, status, status_source FROM users ORDER BY id')).toEqual([
      { id: 'a', status: 'retired', status_source: 'file' }, { id: 'b', status: 'active', status_source: 'file' }, { id: 'c', status: 'on-leave', status_source: 'file' },
    ]);
    expect([...(await store.links.all()).keys()]).toEqual(['b']);
  });
});
