import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/auth/status/run.js';
import { AuthError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('auth status: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  it('proves the login (a refresh and /me) and says who, with what scopes, until when', async () => {
    h = await commandHarness();
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Account:       HiManager通知 (account 1000001, chatwork id himanager_notify)
      OAuth client:  sandbox-demo-client
      Scopes:        offline_access users.all:read rooms.all:read_write contacts.all:read_write
      Access token:  valid until Tue, Nov 24, 10:30 JST (refreshed automatically)
      Secrets:       file: memory
      State:         <dir>/state.db
      "
    `);
    const json = JSON.parse((await h.invoke(run, { json: true })).stdout);
    expect(json.account).toEqual({ accountId: 1000001, name: 'HiManager通知', chatworkId: 'himanager_notify', organization: '株式会社サンプル商事' });
    expect(json.scopes.missing).toEqual([]);
  });

  it('not logged in: exit 4, with the command that logs in', async () => {
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
