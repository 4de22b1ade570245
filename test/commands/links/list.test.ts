import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/links/run.js';
import { run as link } from '../../../src/commands/link/run.js';
import { AuthError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('links: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  it('shows each link checked against the contacts (a removed contact included), and the unlinked users', async () => {
    h = await commandHarness();
    await h.store((store) => store.users.replaceAll([
      { id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' },
      { id: 'E0002', name: '佐藤 花子', email: 'hanako@sample.co.jp' },
      { id: 'E0003', name: '高橋 一郎', email: 'ichiro@sample.co.jp' },
    ]));
    await h.invoke(link, { user: 'E0001', contact: 'taro_yamada' });
    await h.invoke(link, { user: 'E0002', contact: 'hanako_sato' });
    h.sandbox.control.removeContact(2000002);
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "USER ID  HIMANAGER NAME  CHATWORK CONTACT    STATE
      E0001    山田 太郎       山田太郎 (2000001)  ok
      E0002    佐藤 花子       2000002             no longer a contact
      E0003    高橋 一郎                           not linked
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "1 link(s) ok, 1 broken, 1 user(s) not linked.
      "
    `);
  });

  it('asks for a login when there is none (exit 4)', async () => {
    h = await commandHarness({ loggedIn: false });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(4);
    expect(result.error).toBeInstanceOf(AuthError);
  });
});
