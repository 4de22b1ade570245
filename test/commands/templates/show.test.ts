import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/show/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates show: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('prints the template in force (built-in here) on stdout, where it comes from on stderr', async () => {
    const result = await h.invoke(run, { type: 'praise', lang: 'en' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "{to}
      [info][title]You received praise[/title]{from} sent you praise.[hr]{message}
      {url}[/info]
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "praise (称賛) (English), built-in template:
      "
    `);
  });

  it('refuses an unknown language (exit 2)', async () => {
    const result = await h.invoke(run, { type: 'praise', lang: 'fr' });
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the language must be ja or en, not "fr".
      "
    `);
  });
});
