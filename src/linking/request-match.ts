import type { Contact, IncomingRequest } from '../chatwork/types.js';
import type { Settings } from '../domain.js';
import type { HiManagerUser } from '../domain.js';
import type { LinkHistoryEntry } from '../store/repos/decisions.js';
import { suggestLinks, type MatchReason, type Suggestion } from './matcher.js';
import { formerOwner, withMistakes } from './readded.js';
import { whyNotAutomatic, whyNotLinked, type NotAutomatic, type OrganizationTrust } from './trust.js';

type RequestWhy = 'match' | NotAutomatic;

export interface RequestMatch {
  request: IncomingRequest;
  /** Set only when the request may be approved automatically: one user, unambiguous, a trusted organisation. */
  user?: HiManagerUser;
  reason?: MatchReason | 'readded';
  /** The person this very account belonged to by a confirmed link (readded.ts), trusted or not. */
  readded?: HiManagerUser;
  why: RequestWhy;
  candidates: HiManagerUser[];
}

/**
 * The same matcher as link --auto, over the unlinked contacts and the requesters
 * together: a requester and a contact with the same name make each other ambiguous.
 * Also returns the unambiguous matches among contacts, for people approved earlier
 * whose link was never written (a crash, a lost answer). Who is automatic is decided
 * by whyNotAutomatic (trust.ts), by organisation id, never by name. A request from the account
 * a person was linked to before (readded.ts, from the link history) is theirs first.
 */
export function matchRequests(settings: Pick<Settings, 'users' | 'links' | 'rejected'>, contacts: Contact[], requests: IncomingRequest[], trust: OrganizationTrust,
  history: readonly LinkHistoryEntry[] = []): { matches: RequestMatch[]; contactLinks: Suggestion[] } {
  const asContact = (r: IncomingRequest): Contact => ({
    account_id: r.account_id, room_id: 0, name: r.name, chatwork_id: r.chatwork_id, organization_id: r.organization_id,
    organization_name: r.organization_name, department: r.department,
  });
  const requesters = new Set(requests.map((r) => r.account_id));
  const { suggestions } = suggestLinks(settings.users, [...contacts, ...requests.map(asContact)], settings.links, trust, { rejected: withMistakes(settings.rejected, history) });
  const matches = requests.map((request): RequestMatch => {
    // A re-added contact: the account a person had is theirs again, when its organisation is trusted.
    const readded = formerOwner(request.account_id, settings, contacts, history);
    if (readded) {
      const why = whyNotAutomatic(trust, request.organization_id, 'unambiguous');
      return why === undefined ? { request, user: readded, reason: 'readded', readded, why: 'match', candidates: [readded] } : { request, readded, why, candidates: [readded] };
    }
    const mine = suggestions.filter((s) => s.contact.account_id === request.account_id);
    const sure = mine.find((s) => s.unambiguous);
    const candidates = mine.map((s) => s.user);
    const why = whyNotAutomatic(trust, request.organization_id, sure ? 'unambiguous' : mine.length ? 'ambiguous' : 'none');
    // No reason against it means an unambiguous match, so `sure` is set.
    if (why === undefined) return { request, user: sure!.user, reason: sure!.reason, why: 'match', candidates };
    return { request, why, candidates };
  });
  const contactLinks = suggestions.filter((s) => !requesters.has(s.contact.account_id) && whyNotLinked(trust, s) === undefined);
  return { matches, contactLinks };
}
