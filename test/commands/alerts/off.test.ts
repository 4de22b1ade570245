import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/alerts/off/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('alerts off: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('drops the alerts room and what was alerted', async () => {
    await h.store((store) => store.config.update((config) => { config.alerts = { roomId: 500000067 }; }));
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Alerts are off: runs post none.
      "
    `);
    expect((await h.store((store) => store.config.get())).alerts).toBeUndefined();
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toEqual({ alerts: null });
  });
});
