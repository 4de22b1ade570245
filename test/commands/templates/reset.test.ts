import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/reset/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates reset: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = await commandHarness();
    await h.store((store) => store.config.update((config) => { config.templates = { praise: { en: '{to} well done', ja: '{to} よくできました' } }; }));
  });
  afterEach(() => h.close());

  it('puts back the built-in template in one language, keeping the other', async () => {
    const result = await h.invoke(run, { type: 'praise', lang: 'en' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "The praise (称賛) template (English) is the built-in one again.
      "
    `);
    expect((await h.store((store) => store.config.get())).templates).toEqual({ praise: { ja: '{to} よくできました' } });
    expect(JSON.parse((await h.invoke(run, { type: 'praise', json: true })).stdout)).toEqual({ type: 'praise', langs: ['ja', 'en'], reset: ['ja'] });
  });

  it('refuses an unknown type (exit 2) and keeps the custom templates', async () => {
    const result = await h.unchanged(() => h.invoke(run, { type: 'kudos' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
  });
});
