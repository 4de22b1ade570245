import type { Config, NotificationType } from '../domain.js';
import { UsageError, type Message } from '../errors/index.js';
import { templateProblems } from './template-check.js';
import { formatDue, userText, type MessageLang } from './templates.js';

/**
 * The digest: one direct chat message listing several reminders for one person. Its template
 * has {to} (the mention), {count} (how many reminders) and {items} (each reminder, built in:
 * its kind, title, due date and link, separated by a rule). Editable per language with
 * `reminders digest --template`, checked like the other templates.
 */
const DIGEST_PLACEHOLDERS = ['to', 'count', 'items'] as const;

export const DEFAULT_DIGEST_TEMPLATES: Record<MessageLang, string> = {
  ja: '{to}\n[info][title]回答のお願い（{count}件）[/title]次の{count}件へのご回答をお願いいたします。[hr]{items}[/info]',
  en: '{to}\n[info][title]{count} reminders[/title]Please answer each of these.[hr]{items}[/info]',
};

/** How a reminder's kind reads inside a digest item. */
const KIND: Record<Exclude<NotificationType, 'praise'>, Record<MessageLang, string>> = {
  survey: { ja: 'サーベイ', en: 'Survey' },
  'update-survey': { ja: 'アップデートサーベイ', en: 'Update' },
};

export interface DigestItem { type: NotificationType; title?: string; due?: string; url?: string }

/** One item: 「サーベイ「12月のサーベイ」」, its due date, its link; user text is neutralised. */
export function renderItem(item: DigestItem, lang: MessageLang): string {
  const kind = item.type === 'praise' ? '' : KIND[item.type][lang];
  const title = userText(item.title);
  const lines = lang === 'ja'
    ? [`${kind}「${title}」`, `回答期限: ${formatDue(item.due, lang)}`]
    : [`${kind}: "${title}"`, `Due: ${formatDue(item.due, lang)}`];
  if (item.url) lines.push(userText(item.url));
  return lines.join('\n');
}

export function renderDigest(template: string, values: { to: string; count: number; items: string[] }): string {
  const filled: Record<string, string> = { to: values.to, count: String(values.count), items: values.items.join('[hr]') };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => filled[name] ?? whole);
}

export function digestTemplateFor(config: Pick<Config, 'digest'>, lang: MessageLang): string {
  return config.digest?.templates?.[lang] ?? DEFAULT_DIGEST_TEMPLATES[lang];
}

/**
 * Everything wrong with a digest template: a placeholder other than {to} {count} {items}, no
 * {items} (the message would list nothing), and what the other templates are checked for
 * (unbalanced [info]/[title]/[code]/[qt], empty text). A body that turns out too long at send
 * time is not an error: the reminders then go one message each.
 */
export function digestTemplateProblems(template: string): { errors: Message[]; warnings: Message[] } {
  const known = DIGEST_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');
  const lineOf = (index: number) => template.slice(0, index).split('\n').length;
  const errors: Message[] = [];
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (!(DIGEST_PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      errors.push({ key: 'admin.templates.problem.placeholder', params: { line: lineOf(match.index), name: match[0], known } });
    }
  }
  if (template.trim() !== '' && !template.includes('{items}')) errors.push({ key: 'digest.problem.noItems' });
  // The shared checks, on the text without the digest's own placeholders.
  const shared = templateProblems(template.replace(/\{(count|items)\}/g, ''));
  return { errors: [...errors, ...shared.errors], warnings: shared.warnings };
}

/** At send time: a stored digest template that is not valid stops the run before anything is sent. */
export function checkDigestTemplate(template: string, lang: MessageLang): void {
  const [first] = digestTemplateProblems(template).errors;
  if (first) throw new UsageError('digest.invalidStored', { lang });
}
