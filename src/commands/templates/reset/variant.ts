import type { Deps } from '../../../deps/deps.js';
import type { Config, MessageLang, NotificationType } from '../../../domain.js';
import type { FollowUpVariant } from '../../../delivery/round-templates.js';
import type { Store } from '../../../store/store.js';
import { langName, typeName } from '../shared/template.js';

/** `templates reset <type> --variant …`: the follow-up variant back to its built-in text. */
export async function resetVariant(deps: Deps, what: { store: Store; config: Config; type: NotificationType; variant: FollowUpVariant; langs: MessageLang[]; json?: boolean }): Promise<void> {
  const { store, config, type, variant, langs } = what;
  const had = langs.filter((l) => config.followUpTemplates?.[type]?.[variant]?.[l] !== undefined);
  if (had.length) {
    await store.config.update((c) => {
      const kept = { ...c.followUpTemplates?.[type]?.[variant] };
      for (const l of langs) delete kept[l];
      const byVariant = { ...c.followUpTemplates?.[type], [variant]: kept };
      if (!Object.keys(kept).length) delete byVariant[variant];
      const all = { ...c.followUpTemplates, [type]: byVariant };
      if (!Object.keys(byVariant).length) delete all[type];
      if (Object.keys(all).length) c.followUpTemplates = all;
      else delete c.followUpTemplates;
    });
  }
  if (what.json) return deps.io.json({ type, variant, langs, reset: had });
  deps.io.err(deps.t(had.length ? 'admin.templates.resetDone' : 'admin.templates.resetNothing', {
    type: typeName(deps, type, variant), langs: langs.map((l) => langName(deps, l)).join(deps.t('list.pairSeparator')),
  }));
}
