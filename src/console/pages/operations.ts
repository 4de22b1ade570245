import { html } from '../html.js';
import type { ConsolePage } from '../page.js';
import { countsOf, lastSendRun } from '../data/operations.js';
import { auditList } from './audit-list.js';
import { pageAssets } from './page-parts.js';

/** 運用: the last send-reminders run and what its exit means, recent runs (`history runs`), the alerts setting, the latest changes (`history audit`). */
export const operationsPage: ConsolePage = {
  id: 'operations',
  path: '/operations',
  titleKey: 'pages.operations.title',
  async render(ctx) {
    const { deps, t } = ctx;
    const store = await deps.stores.state();
    const [runs, config] = await Promise.all([store.runs.list({ limit: 30 }), store.config.get()]);
    const last = lastSendRun(runs.some((r) => r.command === 'send-reminders') ? runs : await store.runs.list({ command: 'send-reminders', limit: 1 }));
    let alertsRoom = '';
    if (config.alerts) {
      const roomId = config.alerts.roomId;
      const name = await deps.http.chatwork().then((api) => api.room(roomId)).then((room) => room.name, () => undefined);
      alertsRoom = name === undefined ? t('destinations.room', { roomId }) : t('destinations.roomNamed', { roomId, name });
    }
    return html`${pageAssets()}
<section aria-labelledby="last-h"><h2 id="last-h">${t('pages.operations.lastRun')}</h2>
${last ? html`<p class="${last.run.exitCode === 0 ? 'ok' : 'bad'}">${t('pages.operations.ended', { at: last.run.endedAt, code: last.run.exitCode })}</p>
${last.meaning ? html`<p>${t('pages.operations.meaning', { meaning: t(last.meaning.meaning), action: t(last.meaning.action) })}</p>` : html``}
<p class="muted">${countsOf(last.run).map(([name, n]) => `${name} ${n}`).join(' · ')}</p>` : html`<p>${t('pages.operations.noRun')}</p>`}
</section>
<section aria-labelledby="alerts-h"><h2 id="alerts-h">${t('pages.operations.alerts')}</h2>
<p>${config.alerts ? t('pages.operations.alertsRoom', { room: alertsRoom }) : t('pages.operations.alertsOff')}</p></section>
<section aria-labelledby="runs-h"><h2 id="runs-h">${t('pages.operations.runs')}</h2>
${runs.length ? html`<ul class="runs">${runs.map((r) => html`<li><span class="${r.exitCode === 0 ? 'ok' : 'bad'}">${t('pages.operations.run', { command: r.command, host: r.host ?? '-', code: r.exitCode })}</span><br><span class="muted">${deps.time.human(r.endedAt)}${countsOf(r).length ? ` · ${countsOf(r).map(([name, n]) => `${name} ${n}`).join(' · ')}` : ''}</span></li>`)}</ul>` : html`<p>${t('pages.operations.noRuns')}</p>`}
</section>
${await auditList(ctx, { limit: 20 })}`;
  },
};
