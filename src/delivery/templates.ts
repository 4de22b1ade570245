import { UsageError } from '../errors/index.js';
import type { Config, NotificationType } from '../domain.js';
import { neutralize } from './notation.js';

export type MessageLang = 'ja' | 'en';

/** What a template may use. Values other than {to} are user text, and arrive neutralised. */
export interface TemplateValues { to: string; title: string; due: string; url: string; from: string; message: string }
export const PLACEHOLDERS = ['to', 'title', 'due', 'url', 'from', 'message'] as const;

export const DEFAULT_TEMPLATES: Record<NotificationType, Record<MessageLang, string>> = {
  survey: {
    ja: '{to}\n[info][title]サーベイのお願い[/title]「{title}」へのご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
    en: '{to}\n[info][title]Survey reminder[/title]Please answer "{title}".\nDue: {due}\n{url}[/info]',
  },
  'update-survey': {
    ja: '{to}\n[info][title]アップデートサーベイのお願い[/title]「{title}」へのご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
    en: '{to}\n[info][title]Update reminder[/title]Please fill in "{title}".\nDue: {due}\n{url}[/info]',
  },
  praise: {
    ja: '{to}\n[info][title]称賛が届きました[/title]{from}さんから称賛のメッセージが届いています。[hr]{message}\n{url}[/info]',
    en: '{to}\n[info][title]You received praise[/title]{from} sent you praise.[hr]{message}\n{url}[/info]',
  },
};

export function templateFor(settings: Pick<Config, 'templates'>, type: NotificationType, lang: MessageLang): string {
  const custom = settings.templates[type]?.[lang];
  if (custom !== undefined) checkTemplate(custom, type, lang);
  return custom ?? DEFAULT_TEMPLATES[type][lang];
}

/** A custom template with an unknown placeholder is a settings error, found before anything is sent. */
export function checkTemplate(template: string, type: NotificationType, lang: MessageLang): void {
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      throw new UsageError('template.unknownPlaceholder', { type, lang, name: `{${match[1]}}`, known: PLACEHOLDERS.map((p) => `{${p}}`).join(' ') });
    }
  }
}

/**
 * Fills a template, whole: nothing is ever cut. A body over Chatwork's 65,535 characters is
 * not sent at all (the planner splits a group post, and a direct one fails as too-long).
 */
export function render(template: string, values: TemplateValues): string {
  return template.replace(/\{(\w+)\}/g, (_, name: keyof TemplateValues) => values[name] ?? '');
}

/** User text goes through this, so nothing in it takes effect as notation. */
export function userText(text: string | undefined): string {
  return neutralize(text ?? '');
}

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];

/** 2026-12-04 → 2026年12月4日（金） or Fri, Dec 4, 2026. */
export function formatDue(date: string | undefined, lang: MessageLang): string {
  if (!date) return lang === 'ja' ? '指定なし' : 'none';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (lang === 'ja') return `${y}年${m}月${d}日（${WEEKDAYS_JA[weekday]}）`;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
}
