import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/migrate/run.js';
import { run as usersList } from '../../../src/commands/users/list/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { withStore } from '../../helpers/state.js';

describe('state migrate: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
    await h.store((store) => store.users.replaceAll([{ id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' }]));
  });
  afterEach(() => h.close());

  it('copies the state to another file, moves the login with it, and marks the source as moved', async () => {
    const to = `${h.configDir}/moved.db`;
    const result = await h.invoke(run, { to });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Copied 4 records to <dir>/moved.db; the counts match.
      No secrets were copied into <dir>/moved.db: SQLite keeps none. The login and the client secret stay where they are, in memory, where this install finds them for either file.
      <dir>/state.db is marked as moved: every command on it now refuses and names <dir>/moved.db. Point every host at the new store: HIMANAGER_CHATWORK_STATE=<dir>/moved.db (a URL is shown without its password).
      "
    `);
    expect(await withStore(h.configDir, (store) => store.users.all(), { HIMANAGER_CHATWORK_STATE: to })).toHaveLength(1);
    // Every command on the source now refuses, naming where the state went.
    const after = await h.invoke(usersList, {});
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('moved.db');
  });

  it('refuses a target in a directory that does not exist (exit 2), before opening anything', async () => {
    const result = await h.unchanged(() => h.invoke(run, { to: `${h.configDir}/missing/state.db` }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --to: the directory <dir>/missing does not exist. Nothing was changed. Create it first, or give a path in a directory that exists.
      "
    `);
  });
});
