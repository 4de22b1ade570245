import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/import/run.js';
import { run as exportState } from '../../../src/commands/state/export/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('state import: run()', () => {
  let from: CommandHarness;
  let h: CommandHarness;
  beforeEach(async () => { from = await commandHarness(); h = await commandHarness({ loggedIn: false }); });
  afterEach(async () => { await from.close(); await h.close(); });

  it("restores another store's dump into an empty store", async () => {
    await from.store(async (store) => {
      await store.users.replaceAll([{ id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' }]);
      await store.links.set(new Map([['E0001', { accountId: 2000001, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }]]));
    });
    const dump = (await from.invoke(exportState, {})).stdout;
    const result = await h.invoke(run, { file: h.file('dump.ndjson', dump) });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Imported 7 records from <dir>/dump.ndjson into <dir>/state.db.
      "
    `);
    expect((await h.store((store) => store.links.all())).get('E0001')?.accountId).toBe(2000001);
  });

  it('refuses a dump with a broken line (exit 2), naming it, and writes nothing', async () => {
    const dump = (await from.invoke(exportState, {})).stdout;
    const file = h.file('dump.ndjson', `${dump}{"kind":"user","id":\n`);
    const result = await h.unchanged(() => h.invoke(run, { file }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: <dir>/dump.ndjson:5: not a dump record: not JSON. Nothing was imported.
      "
    `);
  });
});
