import type { MessageKey } from '../../../i18n/catalog.js';
import type { Translate } from '../../../i18n/translate.js';
import type { RequestMatch } from '../../../linking/request-match.js';
import { organizationLabel } from '../../../linking/trust-text.js';

/** A waiting request as `contacts requests` and `contacts approve` tell it: JSON, why, and the command for it. */
export function describeMatch(m: RequestMatch) {
  return {
    requestId: m.request.request_id, accountId: m.request.account_id, name: m.request.name, chatworkId: m.request.chatwork_id,
    organization: m.request.organization_name, organizationId: m.request.organization_id, department: m.request.department, message: m.request.message,
    userId: m.user?.id ?? null, userName: m.user?.name ?? null, reason: m.reason ?? null, why: m.why, readdedUserId: m.readded?.id ?? null,
    candidates: m.candidates.map((u) => u.id), command: commandFor(m),
  };
}

export function whyText(m: RequestMatch, t: Translate): string {
  const why = baseWhy(m, t);
  // The account a person had, from an organisation not trusted: said, and still left for a person.
  return m.readded && !m.user ? t('requests.why.readdedUntrusted', { why, user: `${m.readded.name} (${m.readded.id})` }) : why;
}

function baseWhy(m: RequestMatch, t: Translate): string {
  if (m.user) return t('requests.why.match', { user: `${m.user.name} (${m.user.id})`, reason: t(`autolink.reason.${m.reason}` as MessageKey) });
  if (m.why === 'otherOrganization') return t('requests.why.otherOrganization', organizationLabel(m.request, t));
  if (m.why === 'noOrganization') return t('requests.why.noOrganization');
  if (m.why === 'ownOrganizationUnknown') return t('requests.why.ownOrganizationUnknown');
  if (m.why === 'ambiguous') return t('requests.why.ambiguous', { candidates: m.candidates.map((u) => `${u.name} (${u.id})`).join(', ') });
  return t('requests.why.none');
}

/** What approves this one request by hand, with its user when there is one to name. */
export function commandFor(m: RequestMatch): string {
  const user = m.user ?? (m.candidates.length === 1 ? m.candidates[0] : undefined);
  return `himanager-chatwork contacts approve ${m.request.request_id}${user ? ` --user ${user.id}` : m.candidates.length ? ' --user <user>' : ''}`;
}
