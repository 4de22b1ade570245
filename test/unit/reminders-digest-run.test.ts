import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/reminders/digest/run.js';
import { DEFAULT_DIGEST_TEMPLATES } from '../../src/delivery/digest-template.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('reminders digest: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness({ loggedIn: false, seed: 'empty' }); });
  afterEach(() => h.close());

  it('says it is on with the built-in template, turns off and on again', async () => {
    const shown = await h.invoke(run, {});
    expect(shown.code).toBe(0);
    expect(shown.stderr).toContain('Digest is on');
    expect(shown.stdout.trim()).toBe(DEFAULT_DIGEST_TEMPLATES.ja);
    expect((await h.invoke(run, { off: true })).stderr).toContain('Digest turned off');
    expect((await h.store((s) => s.config.get())).digest).toEqual({ off: true });
    expect(JSON.parse((await h.invoke(run, { json: true })).stdout)).toMatchObject({ digest: 'off', lang: 'ja', source: 'builtin' });
    await h.invoke(run, { on: true });
    expect((await h.store((s) => s.config.get())).digest).toBeUndefined();
  });

  it('saves a checked template per language and resets it; an invalid one is exit 2 and saves nothing', async () => {
    const good = h.file('digest.txt', '{to}\n[info]{count} to answer[hr]{items}[/info]\n');
    const saved = await h.invoke(run, { template: good, lang: 'en' });
    expect(saved.code, saved.stderr).toBe(0);
    expect((await h.store((s) => s.config.get())).digest?.templates).toEqual({ en: '{to}\n[info]{count} to answer[hr]{items}[/info]' });
    expect(JSON.parse((await h.invoke(run, { json: true, lang: 'en' })).stdout).source).toBe('custom');

    const bad = h.file('bad.txt', '{to}\n[info]{title}');
    const refused = await h.invoke(run, { template: bad, lang: 'en' });
    expect(refused.code).toBe(2);
    expect(refused.error).toBeInstanceOf(UsageError);
    expect((await h.store((s) => s.config.get())).digest?.templates?.en).toContain('{count} to answer');

    await h.invoke(run, { reset: true, lang: 'en' });
    expect((await h.store((s) => s.config.get())).digest).toBeUndefined();
  });

  it('refuses --on with --off, and --template with --reset', async () => {
    expect((await h.invoke(run, { on: true, off: true })).code).toBe(2);
    expect((await h.invoke(run, { template: '-', reset: true })).code).toBe(2);
  });
});
