import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/links/import/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

const HEADER = 'user_id,account_id\r\n';

describe('links import: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
    await h.store((store) => store.users.replaceAll([
      { id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' }, { id: 'E0002', name: '佐藤 花子', email: 'hanako@sample.co.jp' },
    ]));
  });
  afterEach(() => h.close());

  it('adds the links the file has, checked against the contacts', async () => {
    const result = await h.invoke(run, { file: h.file('links.csv', `${HEADER}E0001,2000001\r\nE0002,2000002\r\n`), json: true });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchInlineSnapshot(`
      {
        "added": [
          "E0001",
          "E0002",
        ],
        "changed": [],
        "kept": [],
        "links": 2,
        "removed": [],
      }
    `);
    expect([...(await h.store((store) => store.links.all())).entries()].map(([user, l]) => [user, l.accountId])).toEqual([['E0001', 2000001], ['E0002', 2000002]]);
  });

  it('refuses a file naming an account that is no contact (exit 2), naming the line, and links nobody', async () => {
    const result = await h.unchanged(() => h.invoke(run, { file: h.file('links.csv', `${HEADER}E0001,2000001\r\nE0002,9999999\r\n`) }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: <dir>/links.csv has 1 problem(s); nothing was changed:
        <dir>/links.csv:3: "9999999" is not a contact of the connected account
      "
    `);
  });
});
