import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/auth/logout/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('auth logout: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('after a yes at the prompt: the tokens and the client secret go, the links and destinations stay', async () => {
    const result = await h.invoke(run, {}, { tty: true, answers: [true] });
    expect(result.code).toBe(0);
    expect(result.asked).toMatchInlineSnapshot(`
      [
        "Remove the tokens and the client secret (連携を解除)? Links and destinations are kept.",
      ]
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Logged out: tokens and client secret removed from memory. Links and destinations were kept.
      Chatwork documents no way to revoke a token from here: to cut access completely, delete the OAuth client in Chatwork (サービス連携 → OAuth).
      "
    `);
    expect([...h.secrets.data.keys()]).toEqual([]);
    expect(await h.store((store) => store.stats())).toMatchObject({ links: 30 });
    expect((await h.store((store) => store.config.get())).account).toBeUndefined();
  });

  it('--purge --yes also forgets the directory, the links and the destinations', async () => {
    const result = await h.invoke(run, { yes: true, purge: true });
    expect(result.code).toBe(0);
    expect(await h.store((store) => store.stats())).toMatchObject({ users: 0, links: 0 });
    expect(await h.store((store) => store.destinations.all())).toEqual({});
  });

  it('without a terminal and without --yes: refused (exit 2), still logged in', async () => {
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(h.secrets.data.has('tokens')).toBe(true);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --yes is required when not running on a terminal.
      "
    `);
  });
});
