import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../../deps.js';
import type { MessageLang, NotificationType } from '../../../domain.js';
import { CliError, UsageError } from '../../../errors.js';
import { normalize, save } from '../shared/save.js';
import { templateInForce } from '../shared/template.js';

export interface TemplatesEditOptions { type: string; lang?: string; json?: boolean }

export async function run(options: TemplatesEditOptions, deps: Deps): Promise<void> {
  const { type, lang, text } = await templateInForce(deps, options);
  return edit(deps, type, lang, text, options.json);
}

/**
 * $VISUAL, then $EDITOR, run through the shell as git does (so "code --wait" works), on a
 * file in a private temporary directory. An invalid result is shown; on a terminal the admin
 * may edit again, otherwise the file is kept and named.
 */
async function edit(deps: Deps, type: NotificationType, lang: MessageLang, text: string, json?: boolean): Promise<void> {
  const env = deps.env.processEnv;
  const editor = (env.VISUAL || env.EDITOR || '').trim();
  if (!editor) throw new UsageError('admin.templates.noEditor', { typeArg: type });
  const dir = await mkdtemp(join(tmpdir(), 'himanager-template-'));
  const file = join(dir, `${type}.${lang}.txt`);
  await writeFile(file, `${text}\n`, { mode: 0o600 });
  for (;;) {
    const status = await new Promise<string>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(signal ? signal : String(code)));
    });
    if (status !== '0') throw new CliError('admin.templates.editorFailed', { editor, status, file });
    const edited = normalize(await readFile(file, 'utf8'));
    try {
      await save(deps, type, lang, edited, text, json, file);
      return;
    } catch (error) {
      if (!(error instanceof UsageError) || !deps.io.canPrompt) throw error;
      const { renderError } = await import('../../../errors.js');
      for (const line of renderError(error, deps.t, false)) deps.io.err(line);
      if (!await deps.prompts.confirm(deps.t('admin.templates.editAgain'), { default: true })) throw error;
    }
  }
}
