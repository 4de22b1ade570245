import { detailInWords } from '../../commands/history/render.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Translate } from '../../i18n/translate.js';
import type { HistoryRow } from '../../store/store.js';
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
<p class="muted">${countsText(last.run, t)}</p>` : html`<p>${t('pages.operations.noRun')}</p>`}
</section>
<section aria-labelledby="alerts-h"><h2 id="alerts-h">${t('pages.operations.alerts')}</h2>
<p>${config.alerts ? t('pages.operations.alertsRoom', { room: alertsRoom }) : t('pages.operations.alertsOff')}</p></section>
<section aria-labelledby="runs-h"><h2 id="runs-h">${t('pages.operations.runs')}</h2>
${runs.length ? html`<ul class="runs">${runs.map((r) => html`<li><span class="${r.exitCode === 0 ? 'ok' : 'bad'}">${t('pages.operations.run', { command: r.command, host: r.host ?? '-', code: r.exitCode })}</span><br><span class="muted">${deps.time.human(r.endedAt)}${countsOf(r).length ? ` · ${countsText(r, t)}` : ''}</span></li>`)}</ul>` : html`<p>${t('pages.operations.noRuns')}</p>`}
</section>
${await auditList(ctx, { limit: 20 })}`;
  },
};

/** The four outcomes in the glossary's words (送信済み…) and a skip's reason as `history` says it; other counts by their name. */
function countsText(run: Parameters<typeof countsOf>[0], t: Translate): string {
  const words: Record<string, MessageKey> = { delivered: 'history.status.delivered', failed: 'history.status.failed', skipped: 'history.status.skipped', deferred: 'history.status.deferred' };
  return countsOf(run).map(([name, n]) => {
    const word = words[name];
    if (word) return `${t(word)} ${n}`;
    if (name.startsWith('skipReasons.')) return `${detailInWords({ status: 'skipped', reason: name.slice('skipReasons.'.length) } as HistoryRow, t)} ${n}`;
    return `${name} ${n}`;
  }).join(' · ');
}
