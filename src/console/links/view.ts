import { html, type Html } from '../html.js';
import type { PageContext } from '../page.js';
import type { LinksModel, PersonRow, PersonState } from './model.js';
import type { OnLeave } from './leave.js';
import { personItem, rowForm } from './row.js';

/** People per page: the page filters as you type; a search (Enter) looks through everyone, 50,000 included. */
const PAGE_SIZE = 1000;

const SHOWS = ['all', 'unlinked', 'certain', 'review', 'none', 'notContact', 'linked'] as const;
type Show = typeof SHOWS[number];
const IN_SHOW: Record<Exclude<Show, 'all'>, PersonState[]> = {
  unlinked: ['certain', 'review', 'none'], certain: ['certain'], review: ['review'], none: ['none'], notContact: ['notContact'], linked: ['linked'],
};

interface Filters { show: Show; dept: string; q: string; page: number }

function filtersOf(url: URL): Filters {
  const show = url.searchParams.get('show') ?? 'all';
  const page = Number(url.searchParams.get('page') ?? '1');
  return {
    show: (SHOWS as readonly string[]).includes(show) ? show as Show : 'all',
    dept: url.searchParams.get('dept') ?? '',
    q: (url.searchParams.get('q') ?? '').normalize('NFKC').toLowerCase().trim(),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function applyFilters(rows: PersonRow[], f: Filters): PersonRow[] {
  const words = f.q.split(/\s+/).filter(Boolean);
  return rows.filter((row) => (f.show === 'all' ? row.state !== 'retired' : IN_SHOW[f.show].includes(row.state))
    && (!f.dept || row.user.department === f.dept) && words.every((word) => row.text.includes(word)));
}

export interface Funnel { directory: number; contacts: number; linked: number; delivered: number }

function funnelView(ctx: PageContext, funnel: Funnel): Html {
  const { t } = ctx;
  const steps: [string, number][] = [[t('console.funnel.directory'), funnel.directory], [t('console.funnel.contacts'), funnel.contacts],
    [t('console.funnel.linked'), funnel.linked], [t('console.funnel.delivered'), funnel.delivered]];
  return html`<section aria-labelledby="funnel-h"><h2 id="funnel-h">${t('console.funnel.title')}</h2>
<ol class="funnel">${steps.map(([label, n]) => html`<li><span class="n">${n.toLocaleString(ctx.lang)}</span>${label}
<progress max="${funnel.directory || 1}" value="${n}" aria-label="${label}">${n}</progress></li>`)}</ol></section>`;
}

function filterForm(ctx: PageContext, model: LinksModel, f: Filters): Html {
  const { t } = ctx;
  return html`<form method="get" action="/links" class="filters" role="search">
<div><label for="show">${t('console.links.show')}</label><select id="show" name="show" data-autosubmit>
${SHOWS.map((s) => html`<option value="${s}"${s === f.show ? html` selected` : html``}>${t(`console.links.show.${s}`)}</option>`)}</select></div>
<div><label for="dept">${t('console.links.deptFilter')}</label><select id="dept" name="dept" data-autosubmit><option value="">${t('console.links.allDepts')}</option>
${model.departments.map((d) => html`<option${d === f.dept ? html` selected` : html``}>${d}</option>`)}</select></div>
<div><label for="q">${t('console.links.search')}</label><input type="search" id="q" name="q" value="${f.q}" data-filter="#people" data-status="#shown" autocomplete="off"></div>
<div><button type="submit">${t('console.links.apply')}</button></div>
</form>`;
}

export function linksView(ctx: PageContext, model: LinksModel, funnel: Funnel, leave: Map<string, OnLeave>): Html {
  const { t } = ctx;
  const f = filtersOf(ctx.url);
  const matching = applyFilters(model.rows, f);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const link = (p: number) => { const u = new URL(ctx.url); u.searchParams.set('page', String(p)); return u.pathname + u.search; };
  return html`${funnelView(ctx, funnel)}
${model.certain.length ? html`<section aria-labelledby="certain-h"><h2 id="certain-h">${t('console.links.certainTitle')}</h2>
<p>${t('console.links.certainText', { count: model.certain.length })}</p>
${rowForm(ctx, 'accept-all', { count: String(model.certain.length) }, html`<button type="submit" class="primary">${t('console.links.acceptAll', { count: model.certain.length })}</button>`)}</section>` : html``}
<section aria-labelledby="people-h"><h2 id="people-h">${t('console.links.people')}</h2>
${filterForm(ctx, model, f)}
<p id="shown" role="status" data-template="${t('console.links.shownLive', { count: '{count}' })}">${t('console.links.shown', { shown: shown.length, matching: matching.length, total: model.rows.length })}</p>
<ul id="people" class="people">${shown.map((row) => personItem(ctx, row, leave.get(row.user.id)))}</ul>
${pages > 1 ? html`<nav class="pager" aria-label="${t('console.links.pages')}">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">${t('console.links.prev')}</a>` : html``}
<span>${t('console.links.pageOf', { page, pages })}</span>${page < pages ? html`<a href="${link(page + 1)}" rel="next">${t('console.links.next')}</a>` : html``}</nav>` : html``}
</section>`;
}
