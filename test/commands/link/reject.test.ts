import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/link/reject/run.js';
import { run as link } from '../../../src/commands/link/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { demoDirectory } from '../../helpers/command-fixtures.js';

describe('link reject: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
  afterEach(() => h.close());

  it('remembers that a contact is not a user, ending their link; link then refuses the pair until --undo', async () => {
    await h.invoke(link, { user: 'E0001', contact: 'taro_yamada' });
    const result = await h.invoke(run, { user: 'E0001', contact: 'taro_yamada' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Recorded: 山田太郎 (2000001) is not 山田 太郎 (E0001). This pair is never suggested again (take it back with: himanager-chatwork link reject --undo E0001 2000001).
      The link 山田 太郎 (E0001) → 山田太郎 (2000001) was removed.
      "
    `);
    expect((await h.store((store) => store.links.all())).has('E0001')).toBe(false);
    expect((await h.invoke(link, { user: 'E0001', contact: 'taro_yamada' })).code).toBe(2);
    expect(JSON.parse((await h.invoke(run, { user: 'E0001', contact: '2000001', undo: true, json: true })).stdout)).toEqual({ userId: 'E0001', accountId: 2000001, undone: true });
    expect((await h.invoke(link, { user: 'E0001', contact: 'taro_yamada' })).code).toBe(0);
  });

  it('refuses without both the user and the contact (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { user: 'E0001' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: give a user and a contact: link reject <user> <contact> (or link reject --undo <user> <contact>).
      "
    `);
  });
});
