import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/destinations/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('destinations: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('shows each type with its room named by Chatwork, and unset types as such', async () => {
    await h.store((store) => store.destinations.set('praise', 'room:500000067'));
    await h.store((store) => store.destinations.set('survey', 'dm'));
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "NOTIFICATION                          DESTINATION
      praise (称賛)                         group chat 人事部 HiManager通知 (room ID 500000067)
      survey (サーベイ)                     DM to each recipient
      update survey (アップデートサーベイ)  not set
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Set one with: himanager-chatwork destinations set <praise|survey|update-survey> <dm|room:<room_id>|off>
      "
    `);
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toEqual({ praise: 'room:500000067', survey: 'dm', 'update-survey': null });
  });

  it('shows the setting without a login: a room by its id when Chatwork cannot name it', async () => {
    await h.store((store) => store.destinations.set('praise', 'room:500000067'));
    h.secrets.data.clear();
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatchInlineSnapshot(`"praise (称賛)                         group chat (room ID 500000067)"`);
  });
});
