import type { Contact, IncomingRequest, Me } from '../../chatwork/types.js';
import { run as approve } from '../../commands/contacts/approve/run.js';
import { run as decline } from '../../commands/contacts/decline/run.js';
import { loadSettings } from '../../store/snapshot.js';
import { invitePlan, requestRows, type RequestRow } from '../data/invitations.js';
import { quietDeps } from '../data/quiet-deps.js';
import { html, type Html } from '../html.js';
import { actionForm, type ConsolePage, type PageContext } from '../page.js';
import { pageAssets, unavailable } from './page-parts.js';

interface ApproveOutcome { name: string; userId: string | null; result: 'approved' | 'unknown' | 'failed'; linked: boolean; detail?: string }

/** 招待・承認: the waiting contact requests with the user each matches, approve / decline, and who is still to invite. */
export const invitationsPage: ConsolePage = {
  id: 'invitations',
  path: '/invitations',
  titleKey: 'pages.invitations.title',
  async render(ctx) {
    const { deps, t } = ctx;
    const store = await deps.stores.state();
    const settings = await loadSettings(store);
    let chatwork: { me: Me; contacts: Contact[]; requests: IncomingRequest[] };
    try {
      const api = await deps.http.chatwork();
      const [me, contacts, requests] = await Promise.all([api.me(), api.contacts(), api.incomingRequests()]);
      chatwork = { me, contacts, requests };
    } catch (error) {
      return html`${pageAssets()}${unavailable(t, error)}`;
    }
    const rows = requestRows(settings, chatwork.me, chatwork.contacts, chatwork.requests, await store.decisions.history(), t);
    const plan = await invitePlan(settings, chatwork.me, chatwork.contacts);
    return html`${pageAssets()}
<section aria-labelledby="req-h"><h2 id="req-h">${t('pages.invitations.requests')}</h2>
${rows.length ? html`<ul class="people">${rows.map((row) => requestCard(ctx, row))}</ul>` : html`<p>${t('pages.invitations.noRequests')}</p>`}</section>
<section aria-labelledby="inv-h"><h2 id="inv-h">${t('pages.invitations.toInvite', { count: plan.people.length })}</h2>
${!plan.people.length ? html`<p>${t('pages.invitations.nobodyToInvite')}</p>` : html`<ul class="invitees">${plan.people.map((u) => html`<li>${u.name} <span class="muted">(${u.id} · ${u.email}${u.department ? ` · ${u.department}` : ''})</span></li>`)}</ul>
${plan.noChatworkId ? html`<p class="bad">${t('pages.invitations.noChatworkId')}</p>` : html`<label for="invite-text">${t('pages.invitations.text')}</label>
<textarea id="invite-text" class="invite" readonly>${plan.text ?? ''}</textarea>
<p><button type="button" hidden data-copy="#invite-text" data-status="#copy-status" data-done="${t('pages.invitations.copied')}">${t('pages.invitations.copy')}</button> <span id="copy-status" role="status"></span></p>`}`}
</section>`;
  },
  actions: {
    async approve(ctx, form) {
      const id = form.get('request') ?? '';
      const user = form.get('user') ?? '';
      const { deps, said } = quietDeps(ctx.deps);
      // `contacts approve <id> [--user <user>]`: the admin decided, so the link is confirmed; --yes only answers a relink question.
      await approve({ ids: [id], ...(user ? { user } : {}), yes: true, json: true }, deps);
      const outcome = (said.json[0] as { outcomes?: ApproveOutcome[] } | undefined)?.outcomes?.[0];
      return { redirect: invitationsPage.path, flash: approveFlash(ctx, outcome) };
    },
    async decline(ctx, form) {
      const { deps, said } = quietDeps(ctx.deps);
      await decline({ ids: [form.get('request') ?? ''], json: true }, deps);
      const declined = (said.json[0] as { declined: { name: string }[] }).declined[0]!;
      return { redirect: invitationsPage.path, flash: { kind: 'ok', text: ctx.t('pages.invitations.declined', { name: declined.name }) } };
    },
  },
};

function approveFlash(ctx: PageContext, outcome: ApproveOutcome | undefined): { kind: 'ok' | 'error'; text: string } {
  const { t } = ctx;
  if (!outcome) return { kind: 'error', text: t('pages.error', { detail: '-' }) };
  if (outcome.result !== 'approved') return { kind: 'error', text: t('pages.invitations.notApproved', { name: outcome.name, detail: outcome.detail ?? t('approve.unknownOutcome', { name: outcome.name, requestId: '', accountId: '' }) }) };
  return { kind: 'ok', text: outcome.linked && outcome.userId ? t('pages.invitations.approvedLinked', { name: outcome.name, user: outcome.userId }) : t('pages.invitations.approved', { name: outcome.name }) };
}

function requestCard(ctx: PageContext, row: RequestRow): Html {
  const { t } = ctx;
  const id = `req-${row.requestId}`;
  const verdictClass = row.verdict === 'own' || row.verdict === 'trusted' ? 'ok' : 'warn';
  const approveBody = html`<input type="hidden" name="request" value="${row.requestId}">
<label for="${id}-user">${t('pages.invitations.linkTo')}</label>
<select id="${id}-user" name="user">${row.candidates.map((u) => html`<option value="${u.id}">${u.name} (${u.id})</option>`)}
${row.user ? html`` : html`<option value="">${t('pages.invitations.noLink')}</option>`}</select>
<button type="submit" class="primary">${t('pages.invitations.approve')}</button>`;
  return html`<li class="person request" id="${id}" data-request="${row.requestId}"><h3>${t('pages.invitations.from', { name: row.name, chatworkId: row.chatworkId })}</h3>
<p class="sub"><span class="${verdictClass}">${t('pages.invitations.organization', row.organization)}</span>${row.department ? html` · ${t('pages.invitations.department', { department: row.department })}` : html``}</p>
${row.message ? html`<p class="sub">${t('pages.invitations.message', { message: row.message })}</p>` : html``}
<p>${row.why}</p>
<div class="row-actions">${actionForm(ctx, invitationsPage, 'approve', approveBody)}
${actionForm(ctx, invitationsPage, 'decline', html`<input type="hidden" name="request" value="${row.requestId}"><button type="submit" class="danger" aria-label="${t('pages.invitations.decline')}: ${row.name}">${t('pages.invitations.decline')}</button>`, html`data-confirm="${t('pages.invitations.decline')}: ${row.name}"`)}</div>
</li>`;
}
