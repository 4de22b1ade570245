import { calendarOf } from '../../calendar/calendar.js';
import { findUser } from '../../commands/history/find-user.js';
import { csvHead, csvLine, detailInWords } from '../../commands/history/render.js';
import type { HiManagerUser } from '../../domain.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { parseCsvHeaderMode } from '../../io/csv-headers.js';
import type { HistoryRow } from '../../store/store.js';
import { chartLayout } from '../data/chart.js';
import { deliveriesPerPeriod, outcomesByReminder, type Bucket, type ChartPoint, type ReminderOutcome } from '../data/deliveries.js';
import { html, type Html } from '../html.js';
import type { ConsolePage, PageContext } from '../page.js';
import { campaignSection } from './campaign-section.js';
import { pageAssets } from './page-parts.js';

/** How many reminders the page lists (newest first); the CSV has every row. */
const SHOWN_REMINDERS = 30;

/** 配信状況: per reminder the four outcomes, a chart per day or week, a person's timeline, and the CSV of `history --csv`. */
export const deliveriesPage: ConsolePage = {
  id: 'deliveries',
  path: '/deliveries',
  titleKey: 'pages.deliveries.title',
  async render(ctx) {
    const { deps, t, url } = ctx;
    const store = await deps.stores.state();
    const { timeZone } = calendarOf(await store.config.get());
    const rows: HistoryRow[] = [];
    for await (const row of store.history.query({})) rows.push(row);
    const bucket: Bucket = url.searchParams.get('by') === 'week' ? 'week' : 'day';
    const points = deliveriesPerPeriod(rows, deps.clock.now(), timeZone, bucket, bucket === 'day' ? 14 : 12);
    const reference = url.searchParams.get('q')?.trim() ?? '';
    return html`${pageAssets()}<p>${t('pages.deliveries.lead')}</p>
<p><a href="${deliveriesPage.path}/csv" download>${t('pages.deliveries.csv')}</a></p>
${await personSection(ctx, reference, await store.users.all())}
${chartSection(ctx, points, bucket)}
<section aria-labelledby="rem-h"><h2 id="rem-h">${t('pages.deliveries.reminders')}</h2>
${rows.length ? html`<ul class="outcomes">${outcomesByReminder(rows).slice(0, SHOWN_REMINDERS).map((o) => outcomeCard(ctx, o))}</ul>` : html`<p>${t('pages.deliveries.none')}</p>`}
</section>
${await campaignSection(ctx)}`;
  },
  downloads: {
    async csv(ctx) {
      // The same file as `history --csv`: the CLI's header and cells, every cell formula-neutralised.
      const { deps } = ctx;
      const lines = [csvHead(parseCsvHeaderMode(undefined), ctx.lang)];
      for await (const row of (await deps.stores.state()).history.query({})) lines.push(csvLine(row, (at) => deps.time.iso(at)));
      return { filename: 'himanager-chatwork-history.csv', type: 'text/csv; charset=utf-8', body: `${lines.join('\r\n')}\r\n` };
    },
  },
};

function outcomeCard(ctx: PageContext, o: ReminderOutcome): Html {
  const { t, deps } = ctx;
  const count = (key: MessageKey, n: number, cls: string) => html`<li class="${cls}">${t(key)}<strong>${n}</strong></li>`;
  const other = Object.values(o.other).reduce((sum, n) => sum + n, 0);
  return html`<li class="outcome" data-reminder="${o.reminderId}"><h3>${o.type ? t(`type.${o.type}` as MessageKey) : ''} <code>${o.reminderId}</code></h3>
<p class="muted">${t('pages.deliveries.last')}: ${deps.time.human(o.last)} · ${t('pages.deliveries.people', { count: o.people })}</p>
<ul class="counts">${count('pages.deliveries.delivered', o.delivered, 'ok delivered')}${count('pages.deliveries.held', o.held, 'warn held')}${count('pages.deliveries.skipped', o.skipped, 'skipped')}${count('pages.deliveries.failed', o.failed, 'bad failed')}${other ? count('pages.deliveries.other', other, 'muted other') : html``}</ul>
${o.skipReasons.length ? html`<ul class="reasons">${o.skipReasons.map(([reason, n]) => html`<li data-reason="${reason}">${t('pages.deliveries.reason', { reason: detailInWords({ status: 'skipped', reason } as HistoryRow, t), count: n })}</li>`)}</ul>` : html``}
</li>`;
}

/** Stacked bars by hand in SVG (delivered, failed on top), with the same numbers as a list for screen readers. */
function chartSection(ctx: PageContext, points: ChartPoint[], bucket: Bucket): Html {
  const { t } = ctx;
  const layout = chartLayout(points);
  const name = t(`pages.deliveries.bucket.${bucket}`);
  const label = (p: ChartPoint) => p.label.slice(5).replace('-', '/');
  const total = (field: 'delivered' | 'failed') => points.reduce((sum, p) => sum + p[field], 0);
  const summary = t('pages.deliveries.chartSummary', { from: points[0]?.label ?? '', to: points.at(-1)?.label ?? '', delivered: total('delivered'), failed: total('failed') });
  return html`<section class="chart" aria-labelledby="chart-h"><h2 id="chart-h">${t('pages.deliveries.chart', { bucket: name })}</h2>
<form method="get" action="${deliveriesPage.path}" class="filters"><div><label for="chart-by">${t('pages.deliveries.chartBy')}</label>
<select id="chart-by" name="by" data-autosubmit><option value="day"${bucket === 'day' ? html` selected` : html``}>${t('pages.deliveries.bucket.day')}</option><option value="week"${bucket === 'week' ? html` selected` : html``}>${t('pages.deliveries.bucket.week')}</option></select></div>
<div><button type="submit">${t('pages.deliveries.chartShow')}</button></div></form>
<svg viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="chart-h chart-desc">
<desc id="chart-desc">${summary}</desc>
${layout.ticks.map((tick) => html`<line class="axis" x1="24" x2="${layout.width}" y1="${tick.y.toFixed(1)}" y2="${tick.y.toFixed(1)}" stroke-dasharray="2 3"/><text x="0" y="${(tick.y + 4).toFixed(1)}">${tick.value}</text>`)}
${layout.bars.map((bar) => html`<g><title>${t('pages.deliveries.chartPoint', { label: bar.point.label, delivered: bar.point.delivered, failed: bar.point.failed })}</title>
<rect class="bar-delivered" x="${bar.x.toFixed(1)}" y="${bar.delivered.y.toFixed(1)}" width="${bar.width.toFixed(1)}" height="${bar.delivered.height.toFixed(1)}"/>
<rect class="bar-failed" x="${bar.x.toFixed(1)}" y="${bar.failed.y.toFixed(1)}" width="${bar.width.toFixed(1)}" height="${bar.failed.height.toFixed(1)}"/>
<text x="${(bar.x + bar.width / 2).toFixed(1)}" y="${layout.height - 6}" text-anchor="middle">${label(bar.point)}</text></g>`)}
</svg>
<ul class="sr">${points.map((p) => html`<li>${t('pages.deliveries.chartPoint', { label: p.label, delivered: p.delivered, failed: p.failed })}</li>`)}</ul>
</section>`;
}

/** "Did 田中さん get it?": `history --user`'s way of finding the person, then their rows, newest first. */
async function personSection(ctx: PageContext, reference: string, users: HiManagerUser[]): Promise<Html> {
  const { t } = ctx;
  const form = html`<form method="get" action="${deliveriesPage.path}" role="search" class="filters"><div><label for="person-q">${t('pages.deliveries.searchLabel')}</label>
<input type="search" id="person-q" name="q" value="${reference}" autocomplete="off"></div><div><button type="submit">${t('pages.deliveries.searchButton')}</button></div></form>`;
  return html`<section aria-labelledby="person-h"><h2 id="person-h">${t('pages.deliveries.search')}</h2>${form}
<div id="person-result">${reference ? await personResult(ctx, reference, users) : html``}</div></section>`;
}

async function personResult(ctx: PageContext, reference: string, users: HiManagerUser[]): Promise<Html> {
  const { t, deps } = ctx;
  const match = findUser(reference, users);
  const link = (u: HiManagerUser) => html`<a href="${deliveriesPage.path}?q=${encodeURIComponent(u.id)}">${u.name}</a> <span class="muted">(${u.id}${u.department ? ` · ${u.department}` : ''})</span>`;
  if (match.kind === 'many') return html`<p>${t('pages.deliveries.many', { count: match.users.length })}</p><ul>${match.users.map((u) => html`<li>${link(u)}</li>`)}</ul>`;
  const store = await deps.stores.state();
  // A person who has since left the directory is still found by their id, as `history --user` does.
  const userId = match.kind === 'one' ? match.user.id : reference;
  const rows: HistoryRow[] = [];
  for await (const row of store.history.query({ userId, limit: 200 })) rows.push(row);
  if (match.kind === 'none' && !rows.length) {
    return html`<p>${t('pages.deliveries.nobody', { value: reference })}</p>${match.nearest.length ? html`<p>${t('pages.deliveries.nearest')}</p><ul>${match.nearest.map((u) => html`<li>${link(u)}</li>`)}</ul>` : html``}`;
  }
  const name = match.kind === 'one' ? match.user.name : rows[0]?.userName ?? reference;
  return html`<h3>${t('pages.deliveries.timelineOf', { name, id: userId })}</h3>
${rows.length ? html`<ol class="timeline">${rows.map((row) => html`<li class="${row.status}"><strong>${t(`history.status.${row.status}` as MessageKey)}</strong> ${deps.time.human(row.at)} · ${row.type ? t(`type.${row.type}` as MessageKey) : ''} <code>${row.reminderId}</code>${detailInWords(row, t) ? html`<br><span class="muted">${detailInWords(row, t)}</span>` : html``}</li>`)}</ol>` : html`<p>${t('pages.deliveries.timelineEmpty')}</p>`}`;
}
