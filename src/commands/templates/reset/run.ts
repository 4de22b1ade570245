import type { Deps } from '../../../deps/deps.js';
import { langName, LANGS, templateInForce, typeName } from '../shared/template.js';
import { resetVariant } from './variant.js';

export interface TemplatesResetOptions { type: string; lang?: string; json?: boolean; variant?: string }

/** Back to the built-in template: in one language with --lang, otherwise in both. */
export async function run(options: TemplatesResetOptions, deps: Deps): Promise<void> {
  const { store, config, type, lang, variant } = await templateInForce(deps, options);
  const langs = options.lang === undefined ? LANGS : [lang];
  if (variant) return resetVariant(deps, { store, config, type, variant, langs, json: options.json });
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
}
