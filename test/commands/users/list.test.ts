import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/users/list/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('users list: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('lists the directory with who is linked (a table on stdout, the summary on stderr), and as JSON', async () => {
    await h.store(async (store) => {
      await store.users.replaceAll([
        { id: 'E001', name: '佐藤 花子', email: 'hanako@example.co.jp', department: '人事部' },
        { id: 'E002', name: 'Bob Lee', email: 'bob@example.co.jp' },
      ]);
      await store.links.set(new Map([['E001', { accountId: 101, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }]]));
    });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "ID    NAME       EMAIL                 DEPARTMENT  CHATWORK ACCOUNT
      E001  佐藤 花子  hanako@example.co.jp  人事部      101
      E002  Bob Lee    bob@example.co.jp                 (not linked)
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "2 users: 1 linked, 1 not linked.
      "
    `);
    const json = await h.invoke(run, { json: true });
    expect(JSON.parse(json.stdout)).toMatchInlineSnapshot(`
      [
        {
          "accountId": 101,
          "department": "人事部",
          "email": "hanako@example.co.jp",
          "id": "E001",
          "linked": true,
          "name": "佐藤 花子",
        },
        {
          "accountId": null,
          "email": "bob@example.co.jp",
          "id": "E002",
          "linked": false,
          "name": "Bob Lee",
        },
      ]
    `);
  });

  it('says the directory is empty, on stderr only', async () => {
    const result = await h.invoke(run, {});
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatchInlineSnapshot(`
      "No users yet. Import them with: himanager-chatwork users import <file>
      "
    `);
  });
});

describe('users list: run() in Japanese', () => {
  it('says the directory is empty in the language the harness fixes', async () => {
    const h = await commandHarness({ lang: 'ja' });
    try {
      const result = await h.invoke(run, {});
      expect(result.code).toBe(0);
      expect(result.stderr).toMatchInlineSnapshot(`
        "ユーザーがいません。次のコマンドで取り込んでください: himanager-chatwork users import <ファイル>
        "
      `);
    } finally {
      await h.close();
    }
  });
});
