import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/unlock/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { plantRunLock } from '../../helpers/state.js';

describe('state unlock: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.store(async () => {}); });
  afterEach(() => h.close());

  it('clears the lock of a run that is gone', async () => {
    plantRunLock(h.configDir, { pid: 2 ** 22 + 1, host: hostname() });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "The stale send-reminders lock was cleared.
      "
    `);
    expect(await h.store((store) => store.locks.runHolder())).toBeUndefined();
  });

  it('says so when nothing holds the lock', async () => {
    const result = await h.invoke(run, {});
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatchInlineSnapshot(`
      "No run holds the lock: nothing to clear.
      "
    `);
  });

  it('--force on a live run without a terminal and without --yes: refused (exit 2), the lock stays', async () => {
    plantRunLock(h.configDir, { pid: process.pid, host: hostname() });
    const result = await h.invoke(run, { force: true });
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(await h.store((store) => store.locks.runHolder())).toMatchObject({ owner: { pid: process.pid } });
  });
});
