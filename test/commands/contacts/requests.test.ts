import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/requests/run.js';
import { AuthError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { demoDirectory } from '../../helpers/command-fixtures.js';

describe('contacts requests: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
  afterEach(() => h.close());

  it('lists each waiting request with the user it matches and the command that approves it', async () => {
    h.sandbox.control.sendRequest({ accountId: 2000027, message: 'よろしくお願いします' });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "REQUEST ID  NAME        ORGANIZATION                 MATCH                                                                           COMMAND
      7000001     Kana Okada  株式会社サンプル商事 (9001)  岡田 佳奈 (E0027): same reading (kana or romaji; weaker than the written name)  himanager-chatwork contacts approve 7000001 --user E0027
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "1 request(s) waiting; 1 would be approved and linked by: himanager-chatwork contacts approve --auto
      "
    `);
  });

  it('asks for a login again when Chatwork refuses the refresh token (exit 4), changing nothing', async () => {
    h.sandbox.control.expireAccessTokens();
    h.sandbox.control.revokeGrants();
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(4);
    expect(result.error).toBeInstanceOf(AuthError);
  });

  it('says there is none', async () => {
    const result = await h.invoke(run, { json: true });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
