import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/edit/run.js';
import { ChangedMeanwhileError, UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { BIN } from '../../helpers/run-cli.js';

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

  it('does not overwrite a save made by another process while the editor was open (exit 1): the edited text is printed', async () => {
    // The "editor" writes its text, and meanwhile another process (the built CLI) saves the same template.
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-editor-'));
    writeFileSync(join(dir, 'theirs.txt'), '{to} their praise {url}\n');
    writeFileSync(join(dir, 'editor.sh'), `printf '%s\\n' '{to} my praise {url}' > "$1"
"${process.execPath}" "${BIN}" --config-dir "$HOME" templates set praise --lang en --file "${join(dir, 'theirs.txt')}" > "${join(dir, 'other.log')}" 2>&1
`);
    h = await commandHarness({ env: { VISUAL: `sh ${join(dir, 'editor.sh')}` } });
    const result = await h.invoke(run, { type: 'praise', lang: 'en' });
    expect(readFileSync(join(dir, 'other.log'), 'utf8')).toContain('Saved the English template of praise');
    expect(result.code).toBe(1);
    expect(result.error).toBeInstanceOf(ChangedMeanwhileError);
    expect(result.stderr).toContain('{to} my praise {url}');
    expect(result.stderr).toContain('was changed elsewhere');
    expect((await h.store((store) => store.config.get())).templates).toEqual({ praise: { en: '{to} their praise {url}' } });
  });
});
