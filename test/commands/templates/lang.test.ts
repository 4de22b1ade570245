import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/lang/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates lang: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('shows the message language, then sets it', async () => {
    const shown = await h.invoke(run, {});
    expect(shown).toMatchObject({ code: 0, stdout: 'ja\n' });
    expect(shown.stderr).toMatchInlineSnapshot(`
      "Messages are sent in Japanese.
      "
    `);
    const set = await h.invoke(run, { lang: 'en', json: true });
    expect(JSON.parse(set.stdout)).toEqual({ messageLang: 'en' });
    expect((await h.store((store) => store.config.get())).messageLang).toBe('en');
  });

  it('refuses a language it has no templates for (exit 2), keeping the current one', async () => {
    const result = await h.unchanged(() => h.invoke(run, { lang: 'de' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the language must be ja or en, not "de".
      "
    `);
  });
});
