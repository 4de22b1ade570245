import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/links/export/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('links export: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
    await h.store(async (store) => {
      await store.users.replaceAll([{ id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' }, { id: 'E0002', name: '佐藤 花子', email: 'hanako@sample.co.jp' }]);
      await store.links.set(new Map([['E0001', { accountId: 2000001, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }]]));
    });
  });
  afterEach(() => h.close());

  it('writes the links as CSV with machine headers, CRLF line ends', async () => {
    const file = `${h.configDir}/links.csv`;
    const result = await h.invoke(run, { file, csvHeaders: 'keys' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Wrote 2 rows to <dir>/links.csv (UTF-8 with BOM, opens in Excel).
      "
    `);
    const text = readFileSync(file, 'utf8');
    // Machine headers: no BOM; every row ends in CRLF, as Excel writes them.
    expect(text.startsWith('user_id,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text).toMatchInlineSnapshot(`
      "user_id,name,email,department,account_id,chatwork_id,chatwork_name,state
      E0001,山田 太郎,taro@sample.co.jp,,2000001,taro_yamada,山田太郎,ok
      E0002,佐藤 花子,hanako@sample.co.jp,,,,,not linked
      "
    `);
  });

  it('refuses an unknown --csv-headers mode (exit 2) and writes no file', async () => {
    const file = `${h.configDir}/links.csv`;
    const result = await h.invoke(run, { file, csvHeaders: 'fancy' });
    expect(result.code).toBe(2);
    expect(() => readFileSync(file)).toThrow();
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --csv-headers fancy: use one of localised, keys.
      "
    `);
  });
});
