import type { Contact, IncomingRequest } from '../chatwork/types.js';
import type { Settings } from '../domain.js';
import type { HiManagerUser } from '../domain.js';
import { suggestLinks, type MatchReason, type Suggestion } from './matcher.js';

export type RequestWhy = 'match' | 'outsider' | 'unknownOrg' | 'ambiguous' | 'none';

export interface RequestMatch {
  request: IncomingRequest;
  /** Set only when the request matches one user unambiguously. */
  user?: HiManagerUser;
  reason?: MatchReason;
  why: RequestWhy;
  candidates: HiManagerUser[];
}

/**
 * The same matcher as link --auto, over the unlinked contacts and the requesters
 * together: a requester and a contact with the same name make each other ambiguous.
 * Also returns the unambiguous matches among contacts, for people approved earlier
 * whose link was never written (a crash, a lost answer).
 */
export function matchRequests(settings: Pick<Settings, 'users' | 'links'>, contacts: Contact[], requests: IncomingRequest[], org: string | undefined):
  { matches: RequestMatch[]; contactLinks: Suggestion[] } {
  const asContact = (r: IncomingRequest): Contact => ({
    account_id: r.account_id, room_id: 0, name: r.name, chatwork_id: r.chatwork_id, organization_id: r.organization_id,
    organization_name: r.organization_name, department: r.department,
  });
  const requesters = new Set(requests.map((r) => r.account_id));
  const { suggestions } = suggestLinks(settings.users, [...contacts, ...requests.map(asContact)], settings.links, org);
  const outsider = (r: IncomingRequest) => org !== undefined && r.organization_name !== '' && r.organization_name !== org;
  const matches = requests.map((request): RequestMatch => {
    const mine = suggestions.filter((s) => s.contact.account_id === request.account_id);
    // Without the account's own organisation, nobody can be told from an outsider: no request is approved automatically.
    const sure = org ? mine.find((s) => s.unambiguous) : undefined;
    if (!org) return { request, why: 'unknownOrg', candidates: mine.map((s) => s.user) };
    const candidates = mine.map((s) => s.user);
    if (sure) return { request, user: sure.user, reason: sure.reason, why: 'match', candidates };
    return { request, why: outsider(request) ? 'outsider' : mine.length ? 'ambiguous' : 'none', candidates };
  });
  const contactLinks = suggestions.filter((s) => s.unambiguous && !requesters.has(s.contact.account_id));
  return { matches, contactLinks };
}

/** The notification account's organisation: stored at login, else asked of Chatwork; '' is unknown. */
export async function ownOrganization(settings: Pick<Settings, 'account'>, me: () => Promise<{ organization_name?: string }>): Promise<string | undefined> {
  const stored = settings.account?.organizationName;
  if (stored) return stored;
  return (await me()).organization_name || undefined;
}
