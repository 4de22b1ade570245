import { html, type Html } from '../html.js';
import type { PageContext } from '../page.js';
import type { LinksModel } from './model.js';
import { contactLabel, rowForm } from './row.js';

const SHOWN = 50;

/** "Pick another contact": the account's contacts, searched by name, Chatwork ID, account ID, organisation or 部署. */
export function pickView(ctx: PageContext, model: LinksModel, userId: string): Html {
  const { t } = ctx;
  const row = model.rows.find((r) => r.user.id === userId);
  if (!row) return html`<p class="bad">${t('link.noSuchUser', { user: userId })}</p><p><a href="/links">${t('console.links.backToList')}</a></p>`;
  const query = (ctx.url.searchParams.get('cq') ?? '').normalize('NFKC').toLowerCase().trim();
  const words = query.split(/\s+/).filter(Boolean);
  const owners = new Map(model.rows.filter((r) => r.link).map((r) => [r.link!.accountId, r.user]));
  const found = model.contacts.filter((c) => words.every((w) => `${c.name} ${c.chatwork_id} ${c.account_id} ${c.organization_name} ${c.department}`.normalize('NFKC').toLowerCase().includes(w)));
  const expected = row.link ? String(row.link.accountId) : '';
  return html`<h2>${t('console.links.pickFor', { user: `${row.user.name} (${row.user.id})` })}</h2>
<form method="get" action="/links" role="search" class="filters"><input type="hidden" name="pick" value="${userId}">
<div><label for="cq">${t('console.links.pickSearch')}</label><input type="search" id="cq" name="cq" value="${query}" data-filter="#contacts" autocomplete="off"></div>
<div><button type="submit">${t('console.links.apply')}</button></div></form>
<p role="status">${t('console.links.pickShown', { shown: Math.min(found.length, SHOWN), total: found.length })}</p>
<ul id="contacts" class="people">${found.slice(0, SHOWN).map((c) => {
    const owner = owners.get(c.account_id);
    return html`<li class="person" data-text="${`${c.name} ${c.chatwork_id} ${c.account_id} ${c.organization_name} ${c.department}`.normalize('NFKC').toLowerCase()}">${contactLabel(ctx, c)}
${owner ? html`<p class="warn">${t('console.links.ownedBy', { user: `${owner.name} (${owner.id})` })}</p>`
    : rowForm(ctx, 'accept', { user: userId, account: String(c.account_id), expected },
      html`<button type="submit" class="primary" aria-label="${t('console.links.acceptLabel', { user: row.user.name, contact: `${c.name} (${c.account_id})` })}">${t('console.links.linkThis')}</button>`)}</li>\n`;
  })}</ul>
<p><a href="/links">${t('console.links.backToList')}</a></p>`;
}
