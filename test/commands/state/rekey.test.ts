import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/rekey/run.js';
import { CliError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { freshDatabase, postgres } from '../../helpers/postgres.js';
import { withStore } from '../../helpers/state.js';

describe('state rekey: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  it.skipIf(!postgres.available)('re-encrypts the shared database\'s secrets under the new key: the old key is refused after', async () => {
    const db = await freshDatabase();
    const state = { HIMANAGER_CHATWORK_STATE: db.url, HIMANAGER_CHATWORK_STATE_KEY: randomBytes(32).toString('base64') };
    const newKey = randomBytes(32).toString('base64');
    h = await commandHarness({ state, env: { HIMANAGER_CHATWORK_NEW_STATE_KEY: newKey } });
    try {
      const result = await h.invoke(run, {});
      expect(result.code).toBe(0);
      expect(result.stderr.replace(db.url.replace(/:[^:@/]*@/, ':***@'), '<database>')).toMatchInlineSnapshot(`
        "Re-encrypted 2 secret(s) in <database> under the new key, and stored its key check: the old key is refused from now on. Set HIMANAGER_CHATWORK_STATE_KEY to the new key on every host.
        "
      `);
      expect(result.stderr).not.toContain(newKey);
      const tokens = await withStore(h.configDir, async (store) => store.secrets!.get('tokens'), { ...state, HIMANAGER_CHATWORK_STATE_KEY: newKey });
      expect(tokens).toContain('accessToken');
      await expect(withStore(h.configDir, async (store) => store.secrets!.get('tokens'), state)).rejects.toThrow();
    } finally {
      await db.drop();
    }
  });

  it('refuses a local store (exit 1): only a shared database keeps secrets to re-encrypt', async () => {
    h = await commandHarness();
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(1);
    expect(result.error).toBeInstanceOf(CliError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: <dir>/state.db keeps no secrets: only a shared PostgreSQL state encrypts them under a key. Nothing was changed.
      "
    `);
  });
});
