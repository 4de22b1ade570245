import type { MessageLang } from './templates.js';

/**
 * The message a manager gets: their reports still pending for one reminder, by name, and the
 * reminder's title; nothing else about it (no link, no answers). {to} mentions the manager,
 * {names} is one line per person, {count} how many, {part} "（2/3）" when the list takes several.
 */
export const ESCALATION_TEMPLATES: Record<MessageLang, string> = {
  ja: '{to}\n[info][title]未回答のメンバーのお知らせ{part}[/title]「{title}」にまだ回答していないメンバーが{count}人います。\n{names}[/info]',
  en: '{to}\n[info][title]Reports who have not answered yet{part}[/title]{count} of your reports have not answered "{title}" yet.\n{names}[/info]',
};

export interface EscalationValues { to: string; title: string; count: number; names: string; part: string }


/** Fills the template whole, never cut: a list that does not fit is split by the caller. */
export function renderEscalation(lang: MessageLang, values: EscalationValues): string {
  return ESCALATION_TEMPLATES[lang].replace(/\{(\w+)\}/g, (_, name: keyof EscalationValues) => String(values[name] ?? '')).trim();
}

/** One line of the list per person. */
export const nameLine = (lang: MessageLang, name: string) => (lang === 'ja' ? `・${name}さん` : `- ${name}`);

/** Which part of a split list this message is; nothing when it is one. */
export const partLabel = (lang: MessageLang, index: number, count: number) => (count < 2 ? '' : lang === 'ja' ? `（${index}/${count}）` : ` (${index}/${count})`);
