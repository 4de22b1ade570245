import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/export/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('state export: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
    await h.store(async (store) => {
      await store.users.replaceAll([{ id: 'E0001', name: '山田 太郎', email: 'taro@sample.co.jp' }]);
      await store.destinations.set('praise', 'dm');
    });
  });
  afterEach(() => h.close());

  it('writes the NDJSON dump, header first, without any secret, to stdout', async () => {
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchInlineSnapshot(`
      {
        "exportedAt": "2026-11-24T01:00:00.000Z",
        "format": "himanager-chatwork-state",
        "kind": "header",
        "schemaVersion": 10,
        "version": 2,
      }
    `);
    expect(lines.slice(1).map((record) => record.kind)).toMatchInlineSnapshot(`
      [
        "setting",
        "setting",
        "setting",
        "user",
        "destination",
      ]
    `);
    expect(result.stdout).not.toContain(h.sandbox.client.clientSecret);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Exported 5 records (no secrets) to -.
      "
    `);
  });

  it('to a file: written beside it and renamed when whole, so no partial file is left', async () => {
    const output = `${h.configDir}/dump.ndjson`;
    const result = await h.invoke(run, { output });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8').split('\n')[0]).toContain('"kind":"header"');
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it('to a folder that does not exist: exit 2 naming the file and the folder, and no file left', async () => {
    const output = `${h.configDir}/missing/dump.ndjson`;
    const result = await h.invoke(run, { output });
    expect(result.code).toBe(2);
    expect(existsSync(`${h.configDir}/missing`)).toBe(false);
    expect(result.stderr).toBe('Error: <dir>/missing/dump.ndjson cannot be written: the folder <dir>/missing does not exist. Create it, or name a file in another folder.\n');
  });

  it('onto a folder: exit 2 saying it is a folder, and no temporary file left beside it', async () => {
    const output = `${h.configDir}/a-folder`;
    mkdirSync(output);
    const result = await h.invoke(run, { output });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: <dir>/a-folder is a folder, not a file.\n');
    expect(readdirSync(h.configDir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it("never touches another export's temporary file: two exports to one name both finish whole", async () => {
    const output = `${h.configDir}/dump.ndjson`;
    // What an export still running elsewhere (or the old naming) leaves beside the target.
    writeFileSync(`${output}.partial`, 'someone else\'s export');
    const [one, two] = await Promise.all([h.invoke(run, { output }), h.invoke(run, { output })]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(readFileSync(`${output}.partial`, 'utf8')).toBe('someone else\'s export');
    expect(readFileSync(output, 'utf8').split('\n')[0]).toContain('"kind":"header"');
    expect(readdirSync(h.configDir).filter((name) => name.endsWith('.partial'))).toEqual(['dump.ndjson.partial']);
  });
});
