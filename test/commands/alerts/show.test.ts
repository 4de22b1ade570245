import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/alerts/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('alerts: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('shows the alerts room on stdout and its Chatwork name on stderr', async () => {
    await h.store((store) => store.config.update((config) => { config.alerts = { roomId: 500000067 }; }));
    const result = await h.invoke(run, {});
    expect(result).toMatchObject({ code: 0, stdout: 'room:500000067\n' });
    expect(result.stderr).toMatchInlineSnapshot(`
      "Alerts go to 人事部 HiManager通知 (500000067).
      "
    `);
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toEqual({ alerts: { room: 'room:500000067', roomId: 500000067 } });
  });

  it('says off when no room is set', async () => {
    const result = await h.invoke(run, {});
    expect(result).toMatchObject({ code: 0, stdout: 'off\n' });
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toEqual({ alerts: null });
  });
});
