import type { Deps } from '../../../deps/deps.js';
import type { MessageLang, NotificationType } from '../../../domain.js';
import { ChangedMeanwhileError, UsageError, type Message } from '../../../errors/index.js';
import { templateProblems } from '../../../delivery/template-check.js';
import { names, textInForce } from './template.js';
import type { FollowUpVariant } from '../../../delivery/round-templates.js';

/** An editor's file: BOM and CRLF gone, one trailing newline dropped (editors add it). */
export function normalize(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** A template to save: the text now and the text it replaces (which says whether anything changed). */
export interface TemplateSave { type: NotificationType; lang: MessageLang; text: string; before: string; json?: boolean; variant?: FollowUpVariant }

/** Checks, then saves; an invalid template is exit 2 with every problem, and nothing saved. */
export async function save(deps: Deps, template: TemplateSave): Promise<void> {
  const { type, lang, text, before, json, variant } = template;
  const { errors, warnings } = templateProblems(text);
  if (errors.length) {
    throw new UsageError('admin.templates.invalid', names(deps, type, lang, 'custom', variant), {
      details: errors.map((e): Message => ({ ...e, prefix: '  ' })),
    });
  }
  if (text === before) {
    if (json) return deps.io.json({ type, lang, saved: false });
    deps.io.err(deps.t('admin.templates.unchanged', names(deps, type, lang, 'custom', variant)));
    return;
  }
  const store = await deps.stores.state();
  await store.config.update((c) => {
    // Checked inside the write's transaction: a save from another tab, process or host since
    // `before` was read is never overwritten.
    if (textInForce(c, type, lang, variant).text !== before) throw new ChangedMeanwhileError('admin.templates.changedMeanwhile', names(deps, type, lang, 'custom', variant));
    if (!variant) c.templates[type] = { ...c.templates[type], [lang]: text };
    else c.followUpTemplates = { ...c.followUpTemplates, [type]: { ...c.followUpTemplates?.[type], [variant]: { ...c.followUpTemplates?.[type]?.[variant], [lang]: text } } };
  });
  if (json) return deps.io.json({ type, lang, saved: true, warnings: warnings.map((w) => deps.t(w.key, w.params)) });
  for (const warning of warnings) deps.io.err(deps.t(warning.key, warning.params));
  deps.io.err(deps.t('admin.templates.saved', { ...names(deps, type, lang, 'custom', variant), typeArg: type, langArg: lang }));
}
