import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../../deps/deps.js';
import type { MessageLang, NotificationType } from '../../../domain.js';
import { ChangedMeanwhileError, CliError, UsageError } from '../../../errors/index.js';
import { decodeText } from '../../../himanager-users/read-text.js';
import { normalize, save } from '../shared/save.js';
import { templateInForce } from '../shared/template.js';
import type { FollowUpVariant } from '../../../delivery/round-templates.js';

export interface TemplatesEditOptions { type: string; lang?: string; json?: boolean; variant?: string }

export async function run(options: TemplatesEditOptions, deps: Deps): Promise<void> {
  const { type, lang, text, variant } = await templateInForce(deps, options);
  return edit(deps, type, lang, text, options.json, variant);
}

/**
 * $VISUAL, then $EDITOR, run through the shell as git does (so "code --wait" works), on a
 * file (0600) in a private temporary directory (0700) that is removed however the edit ends:
 * saved, refused, the editor failed, or Ctrl-C. An invalid result is shown; on a terminal the
 * admin may edit again, otherwise the edited text is printed so that nothing typed is lost.
 */
async function edit(deps: Deps, type: NotificationType, lang: MessageLang, text: string, json?: boolean, variant?: FollowUpVariant): Promise<void> {
  const env = deps.env.processEnv;
  const editor = (env.VISUAL || env.EDITOR || '').trim();
  if (!editor) throw new UsageError('admin.templates.noEditor', { typeArg: type });
  const dir = await mkdtemp(join(tmpdir(), 'himanager-template-'));
  try {
    const file = join(dir, `${type}.${lang}.txt`);
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
    for (;;) {
      const status = await runEditor(deps, editor, file);
      if (status !== '0') throw new CliError('admin.templates.editorFailed', { editor, status, file });
      // The editor may have saved it in Shift_JIS: read as every other input file is.
      const edited = normalize((await decodeText(await readFile(file), file)).text);
      try {
        await save(deps, { type, lang, text: edited, before: text, json, variant });
        return;
      } catch (error) {
        if (!(error instanceof UsageError) && !(error instanceof ChangedMeanwhileError)) throw error;
        // Editing again would only meet the same newer text: the edited one is shown instead.
        if (error instanceof UsageError && deps.io.canPrompt) {
          const { renderError } = await import('../../../errors/index.js');
          for (const line of renderError(error, deps.t, false)) deps.io.err(line);
          if (await deps.prompts.confirm(deps.t('admin.templates.editAgain'), { default: true })) continue;
        }
        deps.io.err(deps.t('inputs.templateNotSaved', { typeArg: type, langArg: lang }));
        deps.io.err(edited);
        throw error;
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The editor's exit: "0", another code, or the signal that ended it. Ctrl-C or a TERM here ends the editor, not us, so the file is still removed. */
async function runEditor(deps: Deps, editor: string, file: string): Promise<string> {
  let stop = () => {};
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env: deps.env.processEnv });
      stop = deps.io.onInterrupt(() => { child.kill('SIGTERM'); });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(signal ? signal : String(code)));
    });
  } finally {
    stop();
  }
}
