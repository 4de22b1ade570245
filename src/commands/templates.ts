import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../deps.js';
import { NOTIFICATION_TYPES, type Config, type MessageLang, type NotificationType } from '../domain.js';
import { CliError, UsageError, type Message } from '../errors.js';
import type { MessageKey } from '../i18n/catalog.js';
import { mention } from '../delivery/notation.js';
import { templateProblems } from '../delivery/template-check.js';
import { DEFAULT_TEMPLATES, formatDue, render, userText } from '../delivery/templates.js';
import { drawMessage } from '../delivery/terminal-render.js';
import { calendarOf, zonedInstant } from '../calendar/calendar.js';
import { parseType } from './shared/parse.js';
import { createTranslator } from '../i18n/translate.js';

export interface TemplatesOptions {
  action: 'list' | 'show' | 'edit' | 'set' | 'preview' | 'reset' | 'lang';
  type?: string; lang?: string; file?: string; user?: string; value?: string; json?: boolean;
}

const LANGS: MessageLang[] = ['ja', 'en'];

/** Templates and the message language, through the store: nobody edits JSON. */
export async function run(options: TemplatesOptions, deps: Deps): Promise<void> {
  const store = await deps.stores.state();
  const config = await store.config.get();
  switch (options.action) {
    case 'list': return list(deps, config, options.json);
    case 'lang': return lang(deps, options);
    default: break;
  }
  const type = parseType(options.type ?? '');
  const language = options.lang === undefined ? config.messageLang : parseLang(options.lang);
  const current = config.templates[type]?.[language];
  const source = current === undefined ? 'builtin' : 'custom';
  const text = current ?? DEFAULT_TEMPLATES[type][language];
  switch (options.action) {
    case 'show': {
      if (options.json) return deps.io.json({ type, lang: language, source, template: text });
      deps.io.err(deps.t('admin.templates.showSource', names(deps, type, language, source)));
      deps.io.out(text);
      return;
    }
    case 'set': {
      const input = await readTemplate(deps, options.file!);
      await save(deps, type, language, input, text, options.json);
      return;
    }
    case 'edit': return edit(deps, type, language, text, options.json);
    case 'preview': return preview(deps, config, type, language, text, source, options);
    case 'reset': {
      const langs = options.lang === undefined ? LANGS : [language];
      const had = langs.filter((l) => config.templates[type]?.[l] !== undefined);
      if (had.length) {
        await store.config.update((c) => {
          const kept = { ...c.templates[type] };
          for (const l of langs) delete kept[l];
          if (Object.keys(kept).length) c.templates[type] = kept;
          else delete c.templates[type];
        });
      }
      if (options.json) return deps.io.json({ type, langs, reset: had });
      deps.io.err(deps.t(had.length ? 'admin.templates.resetDone' : 'admin.templates.resetNothing', {
        type: typeName(deps, type), langs: langs.map((l) => langName(deps, l)).join(deps.t('list.pairSeparator')),
      }));
      return;
    }
  }
}

function parseLang(value: string): MessageLang {
  const lang = value.trim().toLowerCase();
  if (lang !== 'ja' && lang !== 'en') throw new UsageError('admin.templates.badLang', { value });
  return lang;
}

const typeName = (deps: Deps, type: NotificationType) => deps.t(`type.${type}` as MessageKey);
const langName = (deps: Deps, lang: MessageLang) => deps.t(`admin.templates.langName.${lang}`);
const names = (deps: Deps, type: NotificationType, lang: MessageLang, source: 'custom' | 'builtin') => ({
  type: typeName(deps, type), lang: langName(deps, lang), source: deps.t(source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin'),
});

async function list(deps: Deps, config: Config, json?: boolean): Promise<void> {
  const rows = NOTIFICATION_TYPES.flatMap((type) => LANGS.map((lang) => {
    const custom = config.templates[type]?.[lang];
    return { type, lang, source: custom === undefined ? 'builtin' as const : 'custom' as const, template: custom ?? DEFAULT_TEMPLATES[type][lang] };
  }));
  if (json) return deps.io.json({ messageLang: config.messageLang, templates: rows });
  const [typeHead, langHead, templateHead] = deps.t('admin.templates.columns').split('|');
  const cells = rows.map((row) => [typeName(deps, row.type), langName(deps, row.lang), deps.t(row.source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin')]);
  const { formatTable } = await import('../io/table.js');
  for (const line of formatTable([typeHead!, langHead!, templateHead!], cells)) deps.io.out(line);
  deps.io.err(deps.t('admin.templates.messageLang', { lang: langName(deps, config.messageLang) }));
}

async function lang(deps: Deps, options: TemplatesOptions): Promise<void> {
  const store = await deps.stores.state();
  if (options.value === undefined) {
    const current = (await store.config.get()).messageLang;
    if (options.json) return deps.io.json({ messageLang: current });
    deps.io.out(current);
    deps.io.err(deps.t('admin.templates.messageLang', { lang: langName(deps, current) }));
    return;
  }
  const value = parseLang(options.value);
  await store.config.update((c) => { c.messageLang = value; });
  if (options.json) return deps.io.json({ messageLang: value });
  deps.io.err(deps.t('admin.templates.langSet', { lang: langName(deps, value) }));
}

async function readTemplate(deps: Deps, file: string): Promise<string> {
  let bytes: Buffer;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of deps.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
    bytes = Buffer.concat(chunks);
  } else {
    bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') throw new UsageError('admin.templates.noFile', { path: file });
      throw error;
    });
  }
  return normalize(new TextDecoder('utf-8').decode(bytes));
}

/** An editor's file: BOM and CRLF gone, one trailing newline dropped (editors add it). */
function normalize(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** Checks, then saves; an invalid template is exit 2 with every problem, and nothing saved. */
async function save(deps: Deps, type: NotificationType, lang: MessageLang, text: string, before: string, json?: boolean, keptAt?: string): Promise<void> {
  const { errors, warnings } = templateProblems(text);
  if (errors.length) {
    throw new UsageError('admin.templates.invalid', names(deps, type, lang, 'custom'), {
      details: errors.map((e): Message => ({ ...e, prefix: '  ' })),
      ...(keptAt ? { hint: { key: 'admin.templates.keptAt', params: { file: keptAt, typeArg: type } } } : {}),
    });
  }
  if (text === before) {
    if (json) return deps.io.json({ type, lang, saved: false });
    deps.io.err(deps.t('admin.templates.unchanged', names(deps, type, lang, 'custom')));
    return;
  }
  const store = await deps.stores.state();
  await store.config.update((c) => { c.templates[type] = { ...c.templates[type], [lang]: text }; });
  if (json) return deps.io.json({ type, lang, saved: true, warnings: warnings.map((w) => deps.t(w.key, w.params)) });
  for (const warning of warnings) deps.io.err(deps.t(warning.key, warning.params));
  deps.io.err(deps.t('admin.templates.saved', { ...names(deps, type, lang, 'custom'), typeArg: type, langArg: lang }));
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
      const { renderError } = await import('../errors.js');
      for (const line of renderError(error, deps.t, false)) deps.io.err(line);
      if (!await deps.prompts.confirm(deps.t('admin.templates.editAgain'), { default: true })) throw error;
    }
  }
}

/** Rendered with a real person (their link's account id) or a sample one, and drawn as Chatwork would. */
async function preview(deps: Deps, config: Config, type: NotificationType, lang: MessageLang, template: string, source: 'custom' | 'builtin', options: TemplatesOptions): Promise<void> {
  const { errors } = templateProblems(template);
  if (errors.length) throw new UsageError('admin.templates.invalid', names(deps, type, lang, source), { details: errors.map((e) => ({ ...e, prefix: '  ' })) });
  const store = await deps.stores.state();
  // The sample person speaks the template's language, whatever the CLI's.
  const inTemplateLang = createTranslator(lang);
  const sample = (which: 'name' | 'from' | 'title' | 'message') => inTemplateLang(`admin.templates.sample.${which}`);
  let person = { name: sample('name'), accountId: 1234567, userId: undefined as string | undefined };
  if (options.user) {
    const user = await store.users.find(options.user);
    if (!user) throw new UsageError('admin.templates.unknownUser', { user: options.user });
    const link = (await store.links.byUserIds([user.id])).get(user.id);
    person = { name: user.name, accountId: link?.accountId ?? 1234567, userId: user.id };
  }
  const destination = (await store.destinations.all())[type];
  const kind = config.deliverAs?.[type] ?? 'message';
  const due = (() => {
    const now = new Date(deps.clock.now() + 7 * 86_400_000);
    return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;
  })();
  const body = render(template, {
    to: kind === 'task' ? '' : mention(person.accountId, person.name, lang === 'ja' ? 'さん' : ''),
    title: userText(sample('title')), due: formatDue(due, lang), url: 'https://app.himanager.example/surveys/2026-12',
    from: userText(sample('from')), message: userText(sample('message')),
  });
  const text = kind === 'task' ? body.trim() : body;
  const roomId = destination?.startsWith('room:') ? Number(destination.slice(5)) : undefined;
  const taskLimit = kind === 'task' ? Math.floor(zonedInstant(due, 23 * 60 + 59, calendarOf(config).timeZone) / 1000) : undefined;
  if (options.json) {
    return deps.io.json({
      type, lang, source, kind, ...(person.userId ? { user: person.userId } : {}), destination: destination ?? null, body: text,
      ...(taskLimit !== undefined ? { taskLimit } : {}), drawn: drawMessage(text, plainStyle),
    });
  }
  const where = roomId ? deps.t('admin.templates.where.room', { roomId }) : deps.t('admin.templates.where.dm');
  const kindText = kind === 'task' ? deps.t('admin.templates.kind.task', { due: formatDue(due, deps.env.lang) }) : deps.t('admin.templates.kind.message');
  deps.io.err(deps.t('admin.templates.previewHeader', { ...names(deps, type, lang, source), who: person.userId ? `${person.name} (${person.userId})` : deps.t('admin.templates.sampleWho'), where, kind: kindText }));
  deps.io.out('');
  for (const line of drawMessage(text, deps.io.style)) deps.io.out(`  ${line}`);
  deps.io.out('');
}

const plainStyle = { bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, green: (s: string) => s, yellow: (s: string) => s, cyan: (s: string) => s };
