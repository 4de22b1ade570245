import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/alerts/set/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('alerts set: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('saves a group chat found by its name, and forgets what was alerted in another room', async () => {
    await h.store((store) => store.config.update((config) => { config.alerts = { roomId: 500000066 }; config.alertMemory = { roomId: 500000066, open: { failed: { fingerprint: '0123456789abcdef', since: 1 } } }; }));
    const result = await h.invoke(run, { room: '人事部 HiManager通知', json: true });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchInlineSnapshot(`
      {
        "alerts": {
          "name": "人事部 HiManager通知",
          "room": "room:500000067",
          "roomId": 500000067,
        },
      }
    `);
    const config = await h.store((store) => store.config.get());
    expect(config.alerts).toEqual({ roomId: 500000067 });
    expect(config.alertMemory).toBeUndefined();
  });

  it('refuses a direct chat (exit 2): alerts go to a group, and nothing is saved', async () => {
    const result = await h.unchanged(() => h.invoke(run, { room: 'dm' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: alerts go to a group chat: give room:<room_id> or its name, not "dm".
      "
    `);
  });
});
