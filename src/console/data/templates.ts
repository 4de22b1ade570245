import { createHash } from 'node:crypto';
import type { Config, DeliverAs, MessageLang, NotificationType } from '../../domain.js';
import { templateProblems } from '../../delivery/template-check.js';
import { DEFAULT_TEMPLATES, PLACEHOLDERS } from '../../delivery/templates.js';
import type { Message } from '../../errors/index.js';
import { sampleBody, samplePerson } from '../../commands/templates/preview/run.js';
import { drawnBlocks, type Block } from './drawn-message.js';

/** One type's template in one language as the editor shows it: the text, its checks, and the preview. */
export interface TemplateEditor {
  type: NotificationType;
  lang: MessageLang;
  source: 'custom' | 'builtin';
  /** What is in force now (the stored custom text, or the built-in one). */
  saved: string;
  /** What the editor holds: a draft being typed, or the saved text. */
  text: string;
  placeholders: readonly string[];
  errors: Message[];
  warnings: Message[];
  kind: DeliverAs;
  /** The sample message as Chatwork would draw it; absent while the text has errors (as `templates preview` refuses). */
  preview?: Block[];
}

/**
 * The editor's data for a draft (or the saved text): the CLI's checks (template-check.ts,
 * which includes the 65,535-character limit of template-limit.ts) and the sample body
 * `templates preview` makes, split into what Chatwork draws.
 */
export function templateEditor(config: Pick<Config, 'templates' | 'deliverAs'>, type: NotificationType, lang: MessageLang, due: string, draft?: string): TemplateEditor {
  const custom = config.templates[type]?.[lang];
  const saved = custom ?? DEFAULT_TEMPLATES[type][lang];
  const text = draft === undefined ? saved : normalizeDraft(draft);
  const { errors, warnings } = templateProblems(text);
  const kind = config.deliverAs?.[type] ?? 'message';
  const editor: TemplateEditor = {
    type, lang, source: custom === undefined ? 'builtin' : 'custom', saved, text, placeholders: PLACEHOLDERS.map((p) => `{${p}}`), errors, warnings, kind,
  };
  if (!errors.length) editor.preview = drawnBlocks(sampleBody(text, lang, kind, due, samplePerson(lang)));
  return editor;
}

/** A browser sends CRLF line ends from a textarea; the CLI saves LF (templates/shared/save.ts normalises the same way). */
export function normalizeDraft(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** The saved text's fingerprint, carried by the editor's form: a save over a text changed meanwhile is refused. */
export function textVersion(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
