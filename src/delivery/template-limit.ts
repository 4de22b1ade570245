import type { NotificationType } from '../domain.js';
import { UsageError } from '../errors/index.js';
import { MAX_NAME, REMINDER_LIMITS } from '../validation/records.js';
import { MAX_BODY } from './notation.js';
import { formatDue, render, type MessageLang, type TemplateValues } from './templates.js';

/** Digits of the largest account id a link can hold (Number.MAX_SAFE_INTEGER has 16). */
const ACCOUNT_ID_DIGITS = 16;
/** The Japanese honorific after a mentioned name is two characters; English has none. */
const HONORIFIC_LENGTH = 2;

/** The longest date either language writes ("Wed, Sep 30, 2026", "2026年12月30日（水）", "指定なし"). */
const LONGEST_DUE = Math.max(...(['ja', 'en'] as const).flatMap((lang) => [formatDue('2026-09-30', lang), formatDue('2026-12-30', lang), formatDue(undefined, lang)]).map((text) => text.length));

/**
 * The longest value each placeholder can take from input the tool accepts. {to} is one mention
 * of the longest name with the honorific: a direct message mentions one person, and a group post
 * is split so that each holds as many mentions as fit, never fewer than one. {from} is a
 * directory name. Neutralising user text changes no length ([ becomes ［).
 */
export const LONGEST_VALUES: TemplateValues = {
  to: `[To:${'9'.repeat(ACCOUNT_ID_DIGITS)}]${'x'.repeat(MAX_NAME + HONORIFIC_LENGTH)}`,
  title: 'x'.repeat(REMINDER_LIMITS.title),
  due: 'x'.repeat(LONGEST_DUE),
  url: 'x'.repeat(REMINDER_LIMITS.url),
  from: 'x'.repeat(MAX_NAME),
  message: 'x'.repeat(REMINDER_LIMITS.message),
};

/** The longest body a template can make from accepted input (before Chatwork trims its ends). */
export function longestBody(template: string): number {
  return render(template, LONGEST_VALUES).length;
}

/** The input limits, as the template check's message states them. */
export const LIMIT_PARAMS = { text: REMINDER_LIMITS.title, url: REMINDER_LIMITS.url, name: MAX_NAME, max: MAX_BODY };

const FITTING = new Set<string>();

/**
 * At send time: a template that the longest accepted values would take past 65,535 characters is
 * refused before anything is sent (settings saved by an older version, or written to the store
 * directly). Checked once per template text.
 */
export function checkTemplateFits(template: string, type: NotificationType, lang: MessageLang): void {
  if (FITTING.has(template)) return;
  const length = Math.max(longestBody(template), template.length);
  if (length > MAX_BODY) throw new UsageError('template.mayExceed', { type, lang, length, ...LIMIT_PARAMS });
  FITTING.add(template);
}
