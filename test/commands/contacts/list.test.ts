import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/run.js';
import { AuthError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('contacts: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  describe('logged in', () => {
    beforeEach(async () => { h = await commandHarness(); });

    it("lists the account's contacts with their direct chat", async () => {
      const result = await h.invoke(run, {});
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n').slice(0, 4).join('\n')).toMatchInlineSnapshot(`
        "ACCOUNT ID  CHATWORK ID        NAME                    ORGANIZATION            DEPARTMENT        DM ROOM
        2000001     taro_yamada        山田太郎                株式会社サンプル商事    営業部            500000002
        2000002     hanako_sato        佐藤　花子              株式会社サンプル商事    人事部            500000004
        2000003     ichiro_takahashi   髙橋 一郎               株式会社サンプル商事    開発部            500000006"
      `);
      const json = JSON.parse((await h.invoke(run, { json: true })).stdout);
      expect(json).toHaveLength(30);
      expect(json[0]).toMatchInlineSnapshot(`
        {
          "accountId": 2000001,
          "chatworkId": "taro_yamada",
          "department": "営業部",
          "dmRoomId": 500000002,
          "name": "山田太郎",
          "organization": "株式会社サンプル商事",
          "organizationId": 9001,
        }
      `);
    });
  });

  it('asks for a login when there is none (exit 4)', async () => {
    h = await commandHarness({ loggedIn: false });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(4);
    expect(result.error).toBeInstanceOf(AuthError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: not logged in to Chatwork.
      Run: himanager-chatwork auth login
      "
    `);
  });
});
