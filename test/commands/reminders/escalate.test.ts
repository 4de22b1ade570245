import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type RemindersEscalateOptions } from '../../../src/commands/reminders/escalate/run.js';
import { ExitCode } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

/** `reminders escalate`'s run(options, deps): off by default, turned on and off per type, bad input changes nothing. */

let h: CommandHarness;
const invoke = (options: RemindersEscalateOptions) => h.invoke(run, options, { command: 'reminders escalate' });
const setting = () => h.store(async (store) => (await store.config.get()).escalate);

beforeEach(async () => { h = await commandHarness({ loggedIn: false, seed: 'empty' }); });
afterEach(() => h.close());

describe('reminders escalate run()', () => {
  it('is off for every type until turned on; --off turns it off again; --json shows the setting', async () => {
    expect(JSON.parse((await invoke({ json: true })).stdout)).toEqual({ survey: false, 'update-survey': false });
    const on = await invoke({ type: 'update_survey', on: true });
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain('managers hear of their reports still pending');
    expect(await setting()).toEqual({ 'update-survey': true });
    expect(JSON.parse((await invoke({ json: true })).stdout)).toEqual({ survey: false, 'update-survey': true });
    expect((await invoke({ type: 'update-survey', off: true })).code).toBe(0);
    expect(await setting()).toBeUndefined();
  });

  it('refuses bad input with exit 2 and changes nothing', async () => {
    expect((await invoke({ type: 'survey', on: true })).code).toBe(0);
    for (const [options, message] of [
      [{ type: 'surveys', on: true }, 'the type must be survey or update-survey, not "surveys"'],
      [{ type: 'praise', on: true }, 'Praise asks nobody for an answer'],
      [{ type: 'survey', on: true, off: true }, 'not both'],
      [{ on: true }, 'Name the type'],
    ] as [RemindersEscalateOptions, string][]) {
      const result = await invoke(options);
      expect(result.code, JSON.stringify(options)).toBe(ExitCode.usage);
      expect(result.stderr, JSON.stringify(options)).toContain(message);
    }
    expect(await setting()).toEqual({ survey: true });
  });
});
