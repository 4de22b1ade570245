import { describeAudit, placeText } from '../../audit/describe.js';
import type { AuditQuery } from '../../store/store.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page.js';

/** The latest changes from the audit table (the same sentences as `history audit`), newest first. */
export async function auditList(ctx: PageContext, query: AuditQuery): Promise<Html> {
  const { t, deps } = ctx;
  const entries = await (await deps.stores.state()).audit.list(query);
  return html`<section aria-labelledby="audit-h">
<h2 id="audit-h">${t('console.audit.title')}</h2>
${entries.length === 0 ? html`<p class="muted">${t('console.audit.none')}</p>` : html`<ul class="audit">
${entries.map((e) => html`<li><time datetime="${e.at}">${deps.time.human(e.at)}</time> ${t('console.audit.who', { who: e.who, where: placeText(e, t) })}: ${describeAudit(e, t)}</li>\n`)}
</ul>`}
<p class="muted">${t('console.audit.more')}</p>
</section>`;
}
