import type { Deps } from '../../deps/deps.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { DEFAULT_TEMPLATES } from '../../delivery/templates.js';
import { langName, LANGS, typeName } from './shared/template.js';

export interface TemplatesOptions { json?: boolean }

/** Every type's template in each language, custom or built-in, and the message language. */
export async function run(options: TemplatesOptions, deps: Deps): Promise<void> {
  const config = await (await deps.stores.state()).config.get();
  const rows = NOTIFICATION_TYPES.flatMap((type) => LANGS.map((lang) => {
    const custom = config.templates[type]?.[lang];
    return { type, lang, source: custom === undefined ? 'builtin' as const : 'custom' as const, template: custom ?? DEFAULT_TEMPLATES[type][lang] };
  }));
  if (options.json) return deps.io.json({ messageLang: config.messageLang, templates: rows });
  const [typeHead, langHead, templateHead] = deps.t('admin.templates.columns').split('|');
  const cells = rows.map((row) => [typeName(deps, row.type), langName(deps, row.lang), deps.t(row.source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin')]);
  const { formatTable } = await import('../../io/table.js');
  for (const line of formatTable([typeHead!, langHead!, templateHead!], cells)) deps.io.out(line);
  deps.io.err(deps.t('admin.templates.messageLang', { lang: langName(deps, config.messageLang) }));
}
