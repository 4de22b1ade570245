import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/destinations/set/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('destinations set: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('sends a type to a group chat named by its id, checked with Chatwork', async () => {
    const result = await h.invoke(run, { type: 'praise', destination: 'room:500000067' });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatchInlineSnapshot(`
      "Destination of praise (称賛): group chat 人事部 HiManager通知 (room ID 500000067).
      Every linked user is a member of 人事部 HiManager通知 (500000067).
      "
    `);
    expect(await h.store((store) => store.destinations.all())).toEqual({ praise: 'room:500000067' });
  });

  it('refuses an unknown notification type (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { type: 'praises', destination: 'dm' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the type must be praise, survey or update-survey, not "praises".
      "
    `);
  });

  it('refuses a room the account may not post in (read-only), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { type: 'survey', destination: 'room:500000068' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the account cannot post in 経営会議 (500000068): its role there is readonly. Make it a member in Chatwork first.
      "
    `);
  });
});
