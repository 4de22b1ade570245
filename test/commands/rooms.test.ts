import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/rooms/run.js';
import { AuthError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('rooms: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('lists the group chats with the role of the account, and which it cannot post in', async () => {
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "ROOM ID    NAME                  ROLE
      500000066  全社連絡              member
      500000067  人事部 HiManager通知  admin
      500000068  経営会議              readonly  cannot post (readonly)
      "
    `);
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toMatchInlineSnapshot(`
      [
        {
          "canPost": true,
          "name": "全社連絡",
          "role": "member",
          "roomId": 500000066,
        },
        {
          "canPost": true,
          "name": "人事部 HiManager通知",
          "role": "admin",
          "roomId": 500000067,
        },
        {
          "canPost": false,
          "name": "経営会議",
          "role": "readonly",
          "roomId": 500000068,
        },
      ]
    `);
  });

  it('asks for a login again when the refresh token was revoked (exit 4)', async () => {
    h.sandbox.control.expireAccessTokens();
    h.sandbox.control.revokeGrants();
    const result = await h.invoke(run, {});
    expect(result.code).toBe(4);
    expect(result.error).toBeInstanceOf(AuthError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: Chatwork rejected the refresh token: the connection was revoked or has expired.
      Run: himanager-chatwork auth login
      "
    `);
  });
});
