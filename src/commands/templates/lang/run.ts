import type { Deps } from '../../../deps/deps.js';
import { langName, parseLang } from '../shared/template.js';

export interface TemplatesLangOptions { lang?: string; json?: boolean }

/** The language messages are written in: shown, or set when one is given. */
export async function run(options: TemplatesLangOptions, deps: Deps): Promise<void> {
  const store = await deps.stores.state();
  const current = (await store.config.get()).messageLang;
  if (options.lang === undefined) {
    if (options.json) return deps.io.json({ messageLang: current });
    deps.io.out(current);
    deps.io.err(deps.t('admin.templates.messageLang', { lang: langName(deps, current) }));
    return;
  }
  const value = parseLang(options.lang);
  await store.config.update((c) => { c.messageLang = value; });
  if (options.json) return deps.io.json({ messageLang: value });
  deps.io.err(deps.t('admin.templates.langSet', { lang: langName(deps, value) }));
}
