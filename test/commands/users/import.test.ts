import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/users/import/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

const HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署\n';

describe('users import: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('imports the directory from a HiManager users file', async () => {
    const file = h.file('users.csv', `${HEADER}E0001,山田 太郎,ヤマダ タロウ,taro@sample.co.jp,営業部\nE0002,佐藤 花子,サトウ ハナコ,hanako@sample.co.jp,人事部\n`);
    const result = await h.invoke(run, { file });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatchInlineSnapshot(`
      "<dir>/users.csv: 2 people. 2 added, 0 changed, 0 retired, 0 back.
      "
    `);
    expect(await h.store((store) => store.users.all())).toMatchInlineSnapshot(`
      [
        {
          "department": "営業部",
          "email": "taro@sample.co.jp",
          "id": "E0001",
          "name": "山田 太郎",
          "reading": "ヤマダ タロウ",
        },
        {
          "department": "人事部",
          "email": "hanako@sample.co.jp",
          "id": "E0002",
          "name": "佐藤 花子",
          "reading": "サトウ ハナコ",
        },
      ]
    `);
  });

  it('refuses a file with a bad row, naming the line, and changes nothing', async () => {
    await h.invoke(run, { file: h.file('first.csv', `${HEADER}E0001,山田 太郎,ヤマダ タロウ,taro@sample.co.jp,営業部\n`) });
    const file = h.file('users.csv', `${HEADER}E0002,佐藤 花子,サトウ ハナコ,not-an-email,人事部\n`);
    const result = await h.unchanged(() => h.invoke(run, { file }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: <dir>/users.csv has 1 problem(s); nothing was changed:
        <dir>/users.csv:2: malformed email "not-an-email"
      "
    `);
  });
});
