import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/users/sync/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

const HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署\n';
const TARO = 'E0001,山田 太郎,ヤマダ タロウ,taro@sample.co.jp,営業部\n';
const HANAKO = 'E0002,佐藤 花子,サトウ ハナコ,hanako@sample.co.jp,人事部\n';

describe('users sync: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('adds and retires people from the export read on stdin, and reports the diff as JSON', async () => {
    await h.invoke(run, { input: h.file('first.csv', HEADER + TARO + HANAKO) });
    const result = await h.invoke(run, { input: '-', json: true, maxRetireShare: '100%' }, { stdin: HEADER + TARO + 'E0003,高橋 一郎,タカハシ イチロウ,ichiro@sample.co.jp,開発部\n' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchInlineSnapshot(`
      {
        "active": 2,
        "added": [
          "E0003",
        ],
        "changed": [],
        "counts": {
          "added": 1,
          "changed": 0,
          "linksEnded": 0,
          "reactivated": 0,
          "retired": 1,
        },
        "dryRun": false,
        "encoding": "utf8",
        "file": "<stdin>",
        "maxRetireShare": 100,
        "reactivated": [],
        "refused": false,
        "retireShare": 50,
        "retired": [
          {
            "cause": "absent",
            "id": "E0002",
          },
        ],
        "runId": "<run>",
        "users": 2,
      }
    `);
    const users = await h.store((store) => store.users.all());
    expect(users.map((user) => user.id)).toEqual(['E0001', 'E0003']);
  });

  it('refuses to run without --input (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: users sync needs --input: the HR export as a file, - for stdin, or an https URL.
      "
    `);
  });

  it('a dry run shows the diff and writes nothing', async () => {
    const input = h.file('users.csv', HEADER + TARO);
    const result = await h.unchanged(() => h.invoke(run, { input, dryRun: true }));
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatchInlineSnapshot(`
      "added: 山田 太郎 (E0001)
      <dir>/users.csv: 1 people. 1 added, 0 changed, 0 retired, 0 back.
      Dry run: nothing was changed.
      "
    `);
  });
});
