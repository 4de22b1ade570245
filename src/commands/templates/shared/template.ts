import type { Deps } from '../../../deps/deps.js';
import type { Config, MessageLang, NotificationType } from '../../../domain.js';
import { UsageError } from '../../../errors/index.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { DEFAULT_TEMPLATES } from '../../../delivery/templates.js';
import { FOLLOW_UP_DEFAULTS, type FollowUpVariant } from '../../../delivery/round-templates.js';
import type { Store } from '../../../store/store.js';
import { parseType } from '../../shared/parse.js';

export const LANGS: MessageLang[] = ['ja', 'en'];
export type Source = 'custom' | 'builtin';

/** One type's template in one language (a follow-up variant's with --variant), as the store has it now, and where it comes from. */
export interface TemplateInForce { store: Store; config: Config; type: NotificationType; lang: MessageLang; source: Source; text: string; variant?: FollowUpVariant }

/** `<type>` and `--lang` (the message language when not given) of the templates commands. */
export async function templateInForce(deps: Deps, options: { type?: string; lang?: string; variant?: string }): Promise<TemplateInForce> {
  const store = await deps.stores.state();
  const config = await store.config.get();
  const type = parseType(options.type ?? '');
  const lang = options.lang === undefined ? config.messageLang : parseLang(options.lang);
  const variant = options.variant === undefined ? undefined : parseVariant(options.variant, type);
  return { store, config, type, lang, ...(variant && type !== 'praise' ? { variant } : {}), ...textInForce(config, type, lang, variant) };
}

/** The text in force for one type, language and (follow-up) variant: the stored one, else the built-in one. */
export function textInForce(config: Pick<Config, 'templates' | 'followUpTemplates'>, type: NotificationType, lang: MessageLang, variant?: FollowUpVariant): { source: Source; text: string } {
  if (variant && type !== 'praise') {
    const custom = config.followUpTemplates?.[type]?.[variant]?.[lang];
    return { source: custom === undefined ? 'builtin' : 'custom', text: custom ?? FOLLOW_UP_DEFAULTS[type][variant][lang] };
  }
  const custom = config.templates[type]?.[lang];
  return { source: custom === undefined ? 'builtin' : 'custom', text: custom ?? DEFAULT_TEMPLATES[type][lang] };
}

export function parseLang(value: string): MessageLang {
  const lang = value.trim().toLowerCase();
  if (lang !== 'ja' && lang !== 'en') throw new UsageError('admin.templates.badLang', { value });
  return lang;
}

/** `follow-up` or `due-today`; praise has no follow-ups. */
function parseVariant(value: string, type: NotificationType): FollowUpVariant {
  const variant = ({ 'follow-up': 'followUp', 'due-today': 'dueToday' } as Record<string, FollowUpVariant>)[value.trim().toLowerCase()];
  if (!variant) throw new UsageError('admin.templates.badVariant', { value });
  if (type === 'praise') throw new UsageError('schedule.praise');
  return variant;
}

export const typeName = (deps: Deps, type: NotificationType, variant?: FollowUpVariant) =>
  (variant ? deps.t(`admin.templates.variant.${variant}`, { type: deps.t(`type.${type}` as MessageKey) }) : deps.t(`type.${type}` as MessageKey));
export const langName = (deps: Deps, lang: MessageLang) => deps.t(`admin.templates.langName.${lang}`);
export const names = (deps: Deps, type: NotificationType, lang: MessageLang, source: Source, variant?: FollowUpVariant) => ({
  type: typeName(deps, type, variant), lang: langName(deps, lang), source: deps.t(source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin'),
});
