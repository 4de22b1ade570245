import type { Config, NotificationType } from '../domain.js';
import { daysBeforeOf, FIRST_ROUND, type Round } from '../store/repos/round-labels.js';
import { checkTemplate, templateFor, type MessageLang } from './templates.js';

/** The follow-up variants: 「再送」 for a round before the due day, 「本日締切」 for the due day's (d0). */
export type FollowUpVariant = 'followUp' | 'dueToday';

/** Praise is never followed up: it waits for no answer. */
export const FOLLOW_UP_DEFAULTS: Record<Exclude<NotificationType, 'praise'>, Record<FollowUpVariant, Record<MessageLang, string>>> = {
  survey: {
    followUp: {
      ja: '{to}\n[info][title]【再送】サーベイのお願い[/title]「{title}」へのご回答がまだお済みでない場合は、期限までにご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
      en: '{to}\n[info][title]Reminder: survey[/title]If you have not answered "{title}" yet, please do so by the due date.\nDue: {due}\n{url}[/info]',
    },
    dueToday: {
      ja: '{to}\n[info][title]【本日締切】サーベイのお願い[/title]「{title}」の回答期限は本日です。まだお済みでない場合は、本日中にご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
      en: '{to}\n[info][title]Due today: survey[/title]"{title}" is due today. If you have not answered yet, please do so today.\nDue: {due}\n{url}[/info]',
    },
  },
  'update-survey': {
    followUp: {
      ja: '{to}\n[info][title]【再送】アップデートサーベイのお願い[/title]「{title}」へのご回答がまだお済みでない場合は、期限までにご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
      en: '{to}\n[info][title]Reminder: update[/title]If you have not filled in "{title}" yet, please do so by the due date.\nDue: {due}\n{url}[/info]',
    },
    dueToday: {
      ja: '{to}\n[info][title]【本日締切】アップデートサーベイのお願い[/title]「{title}」の回答期限は本日です。まだお済みでない場合は、本日中にご回答をお願いいたします。\n回答期限: {due}\n{url}[/info]',
      en: '{to}\n[info][title]Due today: update[/title]"{title}" is due today. If you have not filled it in yet, please do so today.\nDue: {due}\n{url}[/info]',
    },
  },
};

/** The variant a round uses; undefined for the first message (the type's own template). */
function variantOf(round: Round): FollowUpVariant | undefined {
  if (round === FIRST_ROUND) return undefined;
  return daysBeforeOf(round) === 0 ? 'dueToday' : 'followUp';
}

/** The template of a round: the first message's as before; a follow-up's custom one, else its default. */
export function templateForRound(settings: Pick<Config, 'templates' | 'followUpTemplates'>, type: NotificationType, lang: MessageLang, round: Round): string {
  const variant = variantOf(round);
  if (!variant || type === 'praise') return templateFor(settings, type, lang);
  const custom = settings.followUpTemplates?.[type]?.[variant]?.[lang];
  if (custom !== undefined) checkTemplate(custom, type, lang);
  return custom ?? FOLLOW_UP_DEFAULTS[type][variant][lang];
}
