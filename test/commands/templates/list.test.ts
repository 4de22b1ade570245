import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('lists each type and language as custom or built-in, and the message language', async () => {
    await h.store((store) => store.config.update((config) => { config.templates = { praise: { en: '{to} well done' } }; }));
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "TYPE                                  LANGUAGE  TEMPLATE
      praise (称賛)                         Japanese  built-in
      praise (称賛)                         English   custom
      survey (サーベイ)                     Japanese  built-in
      survey (サーベイ)                     English   built-in
      update survey (アップデートサーベイ)  Japanese  built-in
      update survey (アップデートサーベイ)  English   built-in
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Messages are sent in Japanese.
      "
    `);
    const json = JSON.parse((await h.invoke(run, { json: true })).stdout);
    expect(json.messageLang).toBe('ja');
    expect(json.templates.filter((row: { source: string }) => row.source === 'custom')).toEqual([{ type: 'praise', lang: 'en', source: 'custom', template: '{to} well done' }]);
  });
});
