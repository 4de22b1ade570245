import type { Contact } from '../../chatwork/types.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { linkWhyText } from '../../linking/trust-text.js';
import { html, type Html } from '../html.js';
import { csrfField, type PageContext } from '../page.js';
import { leaveLabel, type OnLeave } from './leave.js';
import type { Candidate, PersonRow } from './model.js';

const STATE_CLASS: Record<PersonRow['state'], string> = { linked: 'ok', notContact: 'bad', certain: 'ok', review: 'warn', none: 'bad', retired: 'muted' };

/** A contact as the page names it: its name, account id, organisation and 部署 (what tells namesakes and outsiders apart). */
export function contactLabel(ctx: PageContext, contact: Contact): Html {
  const { t } = ctx;
  return html`<span class="contact"><strong>${contact.name}</strong> <span class="mono">(${contact.account_id})</span>
<span class="sub">${t('console.links.org', { org: contact.organization_name || t('trust.noName'), id: contact.organization_id })} · ${t('console.links.dept', { dept: contact.department || '-' })}</span></span>`;
}

/** One small form posting to /links/<action>, with the CSRF field, the person and where to come back to. */
export function rowForm(ctx: PageContext, action: string, fields: Record<string, string>, button: Html): Html {
  return html`<form method="post" action="/links/${action}">${csrfField(ctx)}<input type="hidden" name="_back" value="${ctx.url.search || '?'}">
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}${button}</form>`;
}

function candidateItem(ctx: PageContext, row: PersonRow, candidate: Candidate): Html {
  const { t } = ctx;
  const s = candidate.suggestion;
  const reason = t(`autolink.reason.${s.reason}` as MessageKey) + (s.departmentMatches === false ? t('autolink.deptDiffers') : '');
  // Namesakes are common: the account ID makes each button's name unique for a screen reader (and a test).
  const who = { user: row.user.name, contact: `${s.contact.name} (${s.contact.account_id})` };
  const account = String(s.contact.account_id);
  return html`<li>${contactLabel(ctx, s.contact)}
<span class="badge">${t('console.links.confidence', { percent: Math.round(s.confidence * 100) })}</span> <span>${reason}</span>
${candidate.why ? html`<span class="warn">${t('console.links.notAutomatic', { why: linkWhyText(candidate.why, s.contact, t) })}</span>` : html``}
<span class="row-actions"><button type="submit" class="primary" name="account" value="${account}" formaction="/links/accept" aria-label="${t('console.links.acceptLabel', who)}">${t('console.links.accept')}</button>
<button type="submit" name="account" value="${account}" formaction="/links/reject" aria-label="${t('console.links.rejectLabel', who)}">${t('console.links.reject')}</button></span></li>\n`;
}

/** Next to the name: retired, or on leave today with the last day and the reason (else the directory's bare 休職中). */
function personMark(ctx: PageContext, row: PersonRow, leave: OnLeave | undefined): Html {
  const { t } = ctx;
  const text = row.user.status === 'retired' ? t('console.links.status.retired')
    : leave ? leaveLabel(t, leave) : row.user.status ? t(`console.links.status.${row.user.status}`) : undefined;
  return text ? html` <span class="warn leave">${text}</span>` : html``;
}

/**
 * One person: who they are, where they stand, and what can be done about it. One form per
 * person (its token, the person and their link as shown); each button posts it to its action.
 */
export function personItem(ctx: PageContext, row: PersonRow, leave?: OnLeave): Html {
  const { t } = ctx;
  const u = row.user;
  const pick = html`<a href="/links?pick=${encodeURIComponent(u.id)}">${t('console.links.pick')}</a>`;
  const body = row.link ? html`<p>${row.contact ? contactLabel(ctx, row.contact) : t('console.links.goneAccount', { accountId: row.link.accountId })}</p>
<div class="row-actions">${pick} <button type="submit" class="danger" formaction="/links/unlink" aria-label="${t('console.links.unlinkLabel', { user: u.name })}">${t('console.links.unlink')}</button></div>`
    : row.state === 'retired' ? html``
    : row.candidates.length ? html`<ul class="cands" aria-label="${t('console.links.candidatesOf', { user: u.name })}">${row.candidates.map((c) => candidateItem(ctx, row, c))}</ul><div class="row-actions">${pick}</div>`
    : html`<p>${t('console.links.noCandidate')} <a href="/invitations">${t('console.links.toInvitations')}</a> · ${pick}</p>`;
  return html`<li class="person" id="p-${u.id}" data-text="${row.text}" data-state="${row.state}">
<form method="post" action="/links/accept">${csrfField(ctx)}<input type="hidden" name="_back" value="${ctx.url.search || '?'}"><input type="hidden" name="user" value="${u.id}"><input type="hidden" name="expected" value="${row.link ? String(row.link.accountId) : ''}">
<h3>${u.name} <span class="sub mono">${u.id}</span>${personMark(ctx, row, leave)}</h3>
<p class="sub">${[u.reading, u.department, u.email].filter(Boolean).join(' · ')}</p>
<p><span class="badge ${STATE_CLASS[row.state]}">${t(`console.links.state.${row.state}`)}</span></p>
${body}
</form></li>\n`;
}
