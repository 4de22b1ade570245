import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/set/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates set: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('saves a template read from stdin for one language', async () => {
    const result = await h.invoke(run, { type: 'survey', lang: 'en', file: '-' }, { stdin: '{to}\nPlease answer {title} by {due}: {url}\n' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Saved the English template of survey (サーベイ). Check it with: himanager-chatwork templates preview survey --lang en
      "
    `);
    expect((await h.store((store) => store.config.get())).templates).toEqual({ survey: { en: '{to}\nPlease answer {title} by {due}: {url}' } });
  });

  it('refuses a template with an unknown placeholder (exit 2), naming it, and saves nothing', async () => {
    const file = h.file('survey.txt', '{to} answer {titel}\n');
    const result = await h.unchanged(() => h.invoke(run, { type: 'survey', lang: 'en', file }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the English template of survey (サーベイ) cannot be saved:
        line 1: {titel} is not a placeholder; use one of {to} {title} {due} {url} {from} {message}.
      "
    `);
  });
});
