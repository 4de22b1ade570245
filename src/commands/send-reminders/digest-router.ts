import type { Config, Policy } from '../../domain.js';
import { checkDigestTemplate, digestTemplateFor } from '../../delivery/digest-template.js';
import { digestingRouter } from '../../delivery/digest.js';
import type { Delivery } from '../../delivery/plan.js';
import type { Reminder } from '../../delivery/reminders.js';

/** The run's flags this needs: `--no-digest`, and whether bodies are kept (a dry run without --json shows none). */
type DigestFlags = { digest?: boolean; dryRun?: boolean; json?: boolean };

/**
 * The run's router, with digests (src/delivery/digest.ts) unless `--no-digest` or
 * `reminders digest --off` turned them off. `decisionOf` (the send policy's decision) keeps
 * apart what the send window treats differently: a digest is held, sent or skipped whole.
 */
export function digestRouterFor(options: DigestFlags, settings: Config, reminders: Reminder[], route: (delivery: Delivery) => void,
  decisionOf: (delivery: Delivery) => Policy): { route(delivery: Delivery): void; finish(): void } {
  if (options.digest === false || settings.digest?.off) return { route, finish: () => {} };
  const lang = settings.messageLang;
  const template = digestTemplateFor(settings, lang);
  checkDigestTemplate(template, lang);
  const byId = new Map(reminders.map((r) => [r.id, r]));
  return digestingRouter(route, {
    lang, template, bodies: !options.dryRun || options.json === true, batchOf: decisionOf,
    itemOf: (id) => {
      const reminder = byId.get(id);
      return reminder && { type: reminder.type, title: reminder.title, due: reminder.due, url: reminder.url };
    },
  });
}
