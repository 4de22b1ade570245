import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

/** Every date a person types goes through one strict parser, read in the calendar's zone. */
describe('strict dates on the command line', () => {
  const setUp = () => {
    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-dates-'));
    const cli = (args: string[]) => runCli(['--config-dir', configDir, ...args], { env: { HIMANAGER_CHATWORK_SECRET_STORE: 'file', TZ: 'UTC' } });
    return { configDir, cli };
  };

  it.each([
    [['history', 'prune', '--before', '2026-02-31'], '--before "2026-02-31"'],
    [['history', '--since', '2026-02-31'], '--since "2026-02-31"'],
    [['history', '--until', '2026-04-31T09:00'], '--until "2026-04-31T09:00"'],
    [['history', '--since', '2026-02-28T24:00'], '--since "2026-02-28T24:00"'],
  ])('%j is exit 2 naming the flag, never rolled over to another day', async (args, named) => {
    const { cli } = setUp();
    const result = await cli(args);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(named);
  });

  it('calendar closures that do not exist are refused', async () => {
    const { cli } = setUp();
    for (const range of ['2026-02-31', '02-30', '2026-12-29..2027-01-32']) {
      const result = await cli(['calendar', 'add-closure', range]);
      expect(result.code, range).toBe(ExitCode.usage);
    }
    expect((await cli(['calendar', 'add-closure', '02-29'])).code).toBe(0);
  });

  it('a date-time without an offset is read in the calendar\'s zone (as a date alone is), not the machine\'s', async () => {
    const { cli, configDir } = setUp();
    // 09:30 in Tokyo (the default calendar zone) on a machine that runs in UTC.
    const at = Date.parse('2026-11-01T00:30:00Z');
    await withStore(configDir, (store) => store.deliveries.skipped([{ reminderId: 'r1', userId: 'E1', type: 'survey', reason: 'unlinked', at }]));
    const ids = async (...args: string[]) => (await cli(['history', '--json', ...args])).stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line).reminderId);
    expect(await ids('--since', '2026-11-01T09:30')).toEqual(['r1']);
    expect(await ids('--since', '2026-11-01 09:31')).toEqual([]);
    expect(await ids('--since', '2026-11-01T09:31+09:00')).toEqual([]);
    expect(await ids('--since', '2026-11-01T00:30Z')).toEqual(['r1']);
    expect(await ids('--since', '2026-11-01', '--until', '2026-11-02')).toEqual(['r1']);
    expect(await ids('--until', '2026-11-01T09:30')).toEqual([]);
  });
});
