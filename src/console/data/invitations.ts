import type { Contact, IncomingRequest, Me } from '../../chatwork/types.js';
import { whyText } from '../../commands/contacts/shared/request-text.js';
import type { HiManagerUser, Settings } from '../../domain.js';
import { typesFor } from '../../flows/invite.js';
import type { Translate } from '../../i18n/translate.js';
import { audience } from '../../invite/audience.js';
import { buildInvitation, invitationText } from '../../invite/invitation.js';
import { matchRequests, type RequestMatch } from '../../linking/request-match.js';
import { organizationLabel } from '../../linking/trust-text.js';
import { judgeOrganization, trustOf, type OrganizationVerdict } from '../../linking/trust.js';
import type { LinkHistoryEntry } from '../../store/store.js';

/** A waiting contact request as the page lists it. */
export interface RequestRow {
  requestId: number;
  name: string;
  chatworkId: string;
  organization: { org: string; id: number };
  verdict: OrganizationVerdict;
  department: string;
  message: string;
  /** The directory user `contacts approve --auto` would link (a trusted organisation, one clear match). */
  user?: HiManagerUser;
  /** The users it might be, for the admin to choose from (the matched user first). */
  candidates: HiManagerUser[];
  why: string;
}

/** The requests, each with the user it matches or why none: the matching and the trust rules of `contacts requests`. */
export function requestRows(settings: Pick<Settings, 'users' | 'links' | 'rejected' | 'trustedOrganizations'>, me: Pick<Me, 'organization_id'>, contacts: Contact[],
  requests: IncomingRequest[], history: readonly LinkHistoryEntry[], t: Translate): RequestRow[] {
  const trust = trustOf(me, settings.trustedOrganizations);
  const { matches } = matchRequests(settings, contacts, requests, trust, history);
  return matches.map((m: RequestMatch) => {
    const candidates = m.user ? [m.user, ...m.candidates.filter((u) => u.id !== m.user!.id)] : m.candidates;
    return {
      requestId: m.request.request_id, name: m.request.name, chatworkId: m.request.chatwork_id, organization: organizationLabel(m.request, t),
      verdict: judgeOrganization(trust, m.request.organization_id), department: m.request.department, message: m.request.message,
      ...(m.user ? { user: m.user } : {}), candidates, why: whyText(m, t),
    };
  });
}

/** The people still to invite and the text to send them, as `invite` writes it (the messages' language). */
interface InvitePlan { people: HiManagerUser[]; text?: string; noChatworkId: boolean }

export async function invitePlan(settings: Pick<Settings, 'users' | 'links' | 'rejected' | 'trustedOrganizations' | 'destinations' | 'messageLang'>, me: Me, contacts: Contact[]): Promise<InvitePlan> {
  const { people } = await audience(settings, contacts, trustOf(me, settings.trustedOrganizations));
  if (!me.chatwork_id) return { people, noChatworkId: true };
  if (!people.length) return { people, noChatworkId: false };
  const invitation = buildInvitation({ lang: settings.messageLang, account: { name: me.name, chatworkId: me.chatwork_id }, types: typesFor(settings), people });
  return { people, text: invitationText(invitation, settings.messageLang), noChatworkId: false };
}
