import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/edit/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates edit: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  it('saves what the editor ($VISUAL, run through the shell) wrote', async () => {
    h = await commandHarness({ env: { VISUAL: `printf '%s\\n' '{to} edited praise {url}' >` } });
    const result = await h.invoke(run, { type: 'praise', lang: 'en' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Saved the English template of praise (称賛). Check it with: himanager-chatwork templates preview praise --lang en
      "
    `);
    expect((await h.store((store) => store.config.get())).templates).toEqual({ praise: { en: '{to} edited praise {url}' } });
  });

  it('refuses an edit with an unknown placeholder (exit 2): nothing saved, the text printed so nothing typed is lost', async () => {
    h = await commandHarness({ env: { VISUAL: `printf '%s\\n' '{to} {nope}' >` } });
    const result = await h.unchanged(() => h.invoke(run, { type: 'praise', lang: 'en' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "The edited template was not saved. Your text follows: fix it and save it with \`templates set praise --lang en --file <file>\`.
      {to} {nope}
      Error: the English template of praise (称賛) cannot be saved:
        line 1: {nope} is not a placeholder; use one of {to} {title} {due} {url} {from} {message}.
      "
    `);
  });
});
