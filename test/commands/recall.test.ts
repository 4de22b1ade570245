import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/recall/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';
import { deliveredSurvey } from '../helpers/command-fixtures.js';

describe('recall: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await deliveredSurvey(h); });
  afterEach(() => h.close());

  it('deletes what a reminder delivered to one user, who is then marked recalled', async () => {
    const dry = await h.unchanged(() => h.invoke(run, { reminder: 'survey-2026-12', user: ['P2000001'], dryRun: true }));
    expect(dry.stdout).toMatchInlineSnapshot(`
      "delete the message: 山田太郎 (P2000001) (direct chat 500000002)
      "
    `);
    const result = await h.invoke(run, { reminder: 'survey-2026-12', user: ['P2000001'], yes: true }, { command: 'recall' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Recall of "survey-2026-12": 1 deleted, 0 tasks done, 0 withdrawn, 0 failed, 0 cannot be recalled, 0 left for the next run.
      These people will not get "survey-2026-12" again: send a corrected reminder under a new id.
      "
    `);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages).toEqual([]);
    expect(h.sandbox.control.state.rooms.get(500000004)!.messages).toHaveLength(1);
  });

  it('refuses a reminder id with no deliveries (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { reminder: 'survey-1999-01', yes: true }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: nothing was ever delivered or deferred for reminder "survey-1999-01" (see \`history --reminder survey-1999-01\`).
      "
    `);
  });
});
