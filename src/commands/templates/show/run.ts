import type { Deps } from '../../../deps/deps.js';
import { names, templateInForce } from '../shared/template.js';

export interface TemplatesShowOptions { type: string; lang?: string; json?: boolean }

export async function run(options: TemplatesShowOptions, deps: Deps): Promise<void> {
  const { type, lang, source, text } = await templateInForce(deps, options);
  if (options.json) return deps.io.json({ type, lang, source, template: text });
  deps.io.err(deps.t('admin.templates.showSource', names(deps, type, lang, source)));
  deps.io.out(text);
}
