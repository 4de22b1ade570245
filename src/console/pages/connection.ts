import { REQUIRED_SCOPE_NAMES } from '../../chatwork/scopes.js';
import { runCheck } from '../../doctor/run-check.js';
import { CHATWORK_CHECKS, ENDPOINT_CHECKS } from '../../doctor/checks-chatwork.js';
import { DoctorContext } from '../../doctor/context.js';
import type { Finding } from '../../doctor/finding.js';
import { backendName, secretLocation } from '../../i18n/backend-names.js';
import { html, type Html } from '../html.js';
import type { ConsolePage, PageContext } from '../page.js';
import { auditList } from './audit-list.js';

/**
 * 連携: the account, its token and scopes, and what to run when it is broken. The verdicts are
 * doctor's own checks (secrets, login, scopes, clock, request budget, endpoint), run here as
 * doctor runs them: the page has no rule of its own.
 */
export const connectionPage: ConsolePage = {
  id: 'connection',
  path: '/connection',
  titleKey: 'console.page.connection',
  async render(ctx) {
    const { t, deps } = ctx;
    const doctor = new DoctorContext(deps);
    const findings: Finding[] = [];
    for (const check of [...CHATWORK_CHECKS, ...ENDPOINT_CHECKS]) findings.push(...await runCheck(check, doctor));
    const [settings, secrets, tokens] = await Promise.all([doctor.settings(), doctor.secrets(), doctor.tokens().catch(() => undefined)]);
    const me = await doctor.me().catch(() => undefined);
    const store = await doctor.store();
    const broken = findings.some((f) => f.status === 'fail');
    return html`
<section aria-labelledby="state-h">
<h2 id="state-h">${t('console.connection.state')}</h2>
<p class="${broken ? 'bad' : 'ok'}">${t(broken ? 'console.connection.broken' : 'console.connection.working')}</p>
<dl class="facts">
<dt>${t('console.connection.account')}</dt><dd>${me ? t('console.connection.accountValue', { name: me.name, accountId: me.account_id, organization: me.organization_name || '-' }) : '-'}</dd>
<dt>${t('console.connection.clientId')}</dt><dd class="mono">${settings.clientId ?? '-'}</dd>
<dt>${t('console.connection.expiry')}</dt><dd>${tokens ? deps.time.human(tokens.expiresAt) : '-'}</dd>
<dt>${t('console.connection.scopes')}</dt><dd>${scopeList(ctx, tokens?.scope ?? [])}</dd>
<dt>${t('console.connection.secrets')}</dt><dd>${backendName(t, secrets.backend)}: ${secretLocation(t, secrets.backend, secrets.location)}</dd>
<dt>${t('console.connection.store')}</dt><dd class="mono">${store.info.location}</dd>
</dl>
</section>
<section aria-labelledby="checks-h">
<h2 id="checks-h">${t('console.connection.checks')}</h2>
<ul class="findings">
${findings.map((f) => findingItem(ctx, f))}
</ul>
</section>
${await auditList(ctx, { limit: 20 })}`;
  },
};

function scopeList(ctx: PageContext, granted: string[]): Html {
  return html`<ul class="plain">${REQUIRED_SCOPE_NAMES.map((scope) => html`<li><code>${scope}</code> ${granted.includes(scope)
    ? html`<span class="ok">${ctx.t('console.connection.scopeGranted')}</span>`
    : html`<span class="bad">${ctx.t('console.connection.scopeMissing')}</span>`}</li>`)}</ul>`;
}

/** A finding as doctor words it; its remedy (the command to run) under it. */
function findingItem(ctx: PageContext, finding: Finding): Html {
  const { t } = ctx;
  const mark = finding.status === 'ok' ? 'ok' : finding.status === 'warn' ? 'warn' : 'bad';
  return html`<li><span class="badge ${mark}">${t(`console.status.${finding.status}`)}</span> ${t(finding.finding.key, finding.finding.params)}${finding.remedy
    ? html`<pre class="cmd">${t(finding.remedy.key, finding.remedy.params)}</pre>` : html``}</li>\n`;
}
