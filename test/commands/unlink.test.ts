import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/unlink/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('unlink: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('removes one link, found by the user id, and keeps the others', async () => {
    const result = await h.invoke(run, { user: 'P2000001' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Unlinked P2000001.
      "
    `);
    const links = await h.store((store) => store.links.all());
    expect(links.has('P2000001')).toBe(false);
    expect(links.get('P2000002')?.accountId).toBe(2000002);
  });

  it('refuses a user who is not linked (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { user: 'E9999' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: user "E9999" has no link.
      "
    `);
  });
});
