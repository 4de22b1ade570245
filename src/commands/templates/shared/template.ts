import type { Deps } from '../../../deps/deps.js';
import type { Config, MessageLang, NotificationType } from '../../../domain.js';
import { UsageError } from '../../../errors/index.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { DEFAULT_TEMPLATES } from '../../../delivery/templates.js';
import type { Store } from '../../../store/store.js';
import { parseType } from '../../shared/parse.js';

export const LANGS: MessageLang[] = ['ja', 'en'];
export type Source = 'custom' | 'builtin';

/** One type's template in one language, as the store has it now, and where it comes from. */
export interface TemplateInForce { store: Store; config: Config; type: NotificationType; lang: MessageLang; source: Source; text: string }

/** `<type>` and `--lang` (the message language when not given) of the templates commands. */
export async function templateInForce(deps: Deps, options: { type?: string; lang?: string }): Promise<TemplateInForce> {
  const store = await deps.stores.state();
  const config = await store.config.get();
  const type = parseType(options.type ?? '');
  const lang = options.lang === undefined ? config.messageLang : parseLang(options.lang);
  const current = config.templates[type]?.[lang];
  const source = current === undefined ? 'builtin' : 'custom';
  return { store, config, type, lang, source, text: current ?? DEFAULT_TEMPLATES[type][lang] };
}

export function parseLang(value: string): MessageLang {
  const lang = value.trim().toLowerCase();
  if (lang !== 'ja' && lang !== 'en') throw new UsageError('admin.templates.badLang', { value });
  return lang;
}

export const typeName = (deps: Deps, type: NotificationType) => deps.t(`type.${type}` as MessageKey);
export const langName = (deps: Deps, lang: MessageLang) => deps.t(`admin.templates.langName.${lang}`);
export const names = (deps: Deps, type: NotificationType, lang: MessageLang, source: Source) => ({
  type: typeName(deps, type), lang: langName(deps, lang), source: deps.t(source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin'),
});
