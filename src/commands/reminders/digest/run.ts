import type { Deps } from '../../../deps/deps.js';
import type { Config, MessageLang } from '../../../domain.js';
import { UsageError, type Message } from '../../../errors/index.js';
import { DEFAULT_DIGEST_TEMPLATES, digestTemplateFor, digestTemplateProblems } from '../../../delivery/digest-template.js';
import { decodeText } from '../../../himanager-users/read-text.js';
import { maxInputBytes, MAX_TEXT_BYTES, readFileLimited, readLimited } from '../../../io/input-limit.js';

export interface DigestOptions { on?: boolean; off?: boolean; template?: string; reset?: boolean; lang?: string; json?: boolean; maxInputSize?: string }

/**
 * `reminders digest`: whether a person's reminders of one run go as one message, and the
 * digest's template per language. Without flags, says both. A template is checked before it is
 * saved (exit 2 with every problem, nothing saved).
 */
export async function run(options: DigestOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (options.on && options.off) throw new UsageError('digest.onAndOff');
  if (options.template !== undefined && options.reset) throw new UsageError('digest.templateAndReset');
  const store = await deps.stores.state();
  const before = await store.config.get();
  const lang: MessageLang = options.lang === undefined ? before.messageLang : parseLang(options.lang);
  let text: string | undefined;
  let warnings: Message[] = [];
  if (options.template !== undefined) {
    text = await readTemplate(deps, options.template);
    const problems = digestTemplateProblems(text);
    if (problems.errors.length) {
      throw new UsageError('digest.invalid', { lang }, { details: problems.errors.map((e): Message => ({ ...e, prefix: '  ' })) });
    }
    warnings = problems.warnings;
  }
  const changing = options.on || options.off || text !== undefined || options.reset;
  const after = changing ? await store.config.update((config) => change(config, options, lang, text)) : before;
  const on = !after.digest?.off;
  const source = after.digest?.templates?.[lang] === undefined ? 'builtin' : 'custom';
  if (options.json) return io.json({ digest: on ? 'on' : 'off', lang, source, template: digestTemplateFor(after, lang) });
  for (const warning of warnings) io.err(t(warning.key, warning.params));
  if (options.on || options.off) io.err(t(on ? 'digest.turnedOn' : 'digest.turnedOff'));
  if (text !== undefined) io.err(t('digest.saved', { lang: t(`admin.templates.langName.${lang}`) }));
  if (options.reset) io.err(t('digest.resetDone', { lang: t(`admin.templates.langName.${lang}`) }));
  if (changing) return;
  io.err(t(on ? 'digest.isOn' : 'digest.isOff'));
  io.err(t(source === 'custom' ? 'digest.templateCustom' : 'digest.templateBuiltin', { lang: t(`admin.templates.langName.${lang}`) }));
  io.out(digestTemplateFor(after, lang));
}

function change(config: Config, options: DigestOptions, lang: MessageLang, text: string | undefined): void {
  const digest = { ...config.digest };
  if (options.off) digest.off = true;
  if (options.on) delete digest.off;
  const templates = { ...digest.templates };
  // The built-in text saved as is stays the built-in one: nothing custom to keep.
  if (text !== undefined && text !== DEFAULT_DIGEST_TEMPLATES[lang]) templates[lang] = text;
  if (options.reset || text === DEFAULT_DIGEST_TEMPLATES[lang]) delete templates[lang];
  if (Object.keys(templates).length) digest.templates = templates;
  else delete digest.templates;
  if (Object.keys(digest).length) config.digest = digest;
  else delete config.digest;
}

function parseLang(value: string): MessageLang {
  const lang = value.trim().toLowerCase();
  if (lang !== 'ja' && lang !== 'en') throw new UsageError('admin.templates.badLang', { value });
  return lang;
}

/** An editor's file, as `templates set` takes it: BOM and CRLF gone, one trailing newline dropped. */
const normalize = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\n$/, '');

/** Decoded as `templates set` decodes (UTF-8 with or without a BOM, or Shift_JIS/CP932), from a file or `-` (stdin). */
async function readTemplate(deps: Deps, file: string): Promise<string> {
  const limit = Math.min(maxInputBytes(undefined, deps.env.processEnv), MAX_TEXT_BYTES);
  const name = file === '-' ? '<stdin>' : file;
  const bytes = file === '-' ? await readLimited(deps.io.stdin, name, limit, () => deps.io.stdin.destroy()) : await readFileLimited(file, limit);
  return normalize((await decodeText(bytes, name)).text);
}
