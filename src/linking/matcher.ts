import type { Contact } from '../chatwork/types.js';
import type { HiManagerUser, Link } from '../store/settings.js';
import { indexByName, nameKeys, sharedEvidence, type NameKeys } from './name-index.js';
import { departmentKey } from './normalize.js';
import { isKanjiName } from './reading.js';

export type MatchReason = 'exact' | 'variant' | 'swapped' | 'reading' | 'department' | 'namesake';

export interface Suggestion {
  user: HiManagerUser;
  contact: Contact;
  /** 0..1: how sure the match is. */
  confidence: number;
  reason: MatchReason;
  departmentMatches: boolean | undefined;
  /** One user, one contact, nothing else close: safe to apply without a person looking. */
  unambiguous: boolean;
}

export interface MatchResult {
  suggestions: Suggestion[];
  /** Unlinked users with no candidate at all. */
  unmatched: HiManagerUser[];
}

const BASE: Record<Exclude<MatchReason, 'namesake'>, number> = { exact: 0.97, variant: 0.93, swapped: 0.9, reading: 0.85, department: 0.8 };
const MAX_ROUNDS = 5;

/**
 * Suggests links for users without one, from Japanese-aware name keys (written and
 * read). A suggestion is unambiguous only when exactly one user and one contact meet;
 * namesakes are told apart only by a department both sides state. Once a pair is
 * certain it leaves the pool and the rest is looked at again: a namesake whose twin
 * was just linked is no longer ambiguous, on the same ground as the first round (an
 * in-organisation contact with an employee's name is that employee, one account each). Contacts outside the connected account's
 * organisation never count as a match and are never suggested as unambiguous.
 */
export function suggestLinks(users: HiManagerUser[], contacts: Contact[], links: Record<string, Link>, ownOrganization?: string): MatchResult {
  const linkedAccounts = new Set(Object.values(links).map((link) => link.accountId));
  let freeUsers = users.filter((user) => !links[user.id]);
  let freeContacts = contacts.filter((contact) => !linkedAccounts.has(contact.account_id));
  const outsider = (c: Contact) => ownOrganization !== undefined && c.organization_name !== '' && c.organization_name !== ownOrganization;
  const userKeys = new Map(freeUsers.map((u) => [u, nameKeys(u.name, u.reading)]));
  const contactKeys = new Map(freeContacts.map((c) => [c, nameKeys(c.name)]));
  const certain: Suggestion[] = [];
  for (let round = 1; ; round++) {
    const { suggestions, unmatched } = oneRound(freeUsers, freeContacts, userKeys, contactKeys, outsider);
    const found = suggestions.filter((s) => s.unambiguous);
    if (found.length === 0 || round === MAX_ROUNDS) {
      const all = [...certain, ...suggestions];
      all.sort((a, b) => b.confidence - a.confidence || a.user.id.localeCompare(b.user.id));
      return { suggestions: all, unmatched };
    }
    certain.push(...found);
    const doneUsers = new Set(found.map((s) => s.user));
    const doneContacts = new Set(found.map((s) => s.contact));
    freeUsers = freeUsers.filter((u) => !doneUsers.has(u));
    freeContacts = freeContacts.filter((c) => !doneContacts.has(c));
  }
}

function oneRound(freeUsers: HiManagerUser[], freeContacts: Contact[], userKeys: Map<HiManagerUser, NameKeys>,
  contactKeys: Map<Contact, NameKeys>, outsider: (c: Contact) => boolean): MatchResult {
  const contactIndex = indexByName(freeContacts, (c) => contactKeys.get(c)!);
  const insiderIndex = indexByName(freeContacts.filter((c) => !outsider(c)), (c) => contactKeys.get(c)!);
  const userIndex = indexByName(freeUsers, (u) => userKeys.get(u)!);
  const suggestions: Suggestion[] = [];
  const unmatched: HiManagerUser[] = [];
  for (const user of freeUsers) {
    const uKeys = userKeys.get(user)!;
    const candidates = contactIndex.close(uKeys);
    if (candidates.size === 0) {
      unmatched.push(user);
      continue;
    }
    const insiders = insiderIndex.close(uKeys);
    for (const contact of candidates) {
      const cKeys = contactKeys.get(contact)!;
      const evidence = sharedEvidence(uKeys, cKeys);
      // Two names both written in kanji that differ are two people, whatever they read as.
      if (evidence === 'reading' && isKanjiName(user.name) && isKanjiName(contact.name)) continue;
      const reason = uKeys.exact === cKeys.exact ? 'exact' : uKeys.variant === cKeys.variant ? 'variant'
        : evidence === 'written' ? 'swapped' : 'reading';
      const userDept = departmentKey(user.department);
      const contactDept = departmentKey(contact.department);
      const departmentMatches = userDept && contactDept ? userDept === contactDept : undefined;
      const closeUsers = userIndex.close(cKeys);
      const oneToOne = !outsider(contact) && insiders.size === 1 && closeUsers.size === 1;
      // Namesakes: a contact whose department rules out every other user of that name is
      // that user, provided no other contact claims the same department. A reading is weak
      // evidence (佐藤/佐東 read alike) and never gets this help.
      const byDepartment = !oneToOne && evidence === 'written' && !outsider(contact) && departmentMatches === true
        && [...closeUsers].every((u) => u === user || differs(departmentKey(u.department), contactDept))
        && [...insiders].every((c) => c === contact || departmentKey(c.department) !== userDept);
      let confidence = BASE[byDepartment ? 'department' : reason] + (departmentMatches === true ? 0.02 : departmentMatches === false ? -0.2 : 0);
      if (!oneToOne && !byDepartment) confidence -= 0.35;
      if (outsider(contact)) confidence -= 0.4;
      suggestions.push({
        user, contact, departmentMatches,
        reason: oneToOne ? reason : byDepartment ? 'department' : 'namesake',
        confidence: Math.max(0.05, Math.min(0.99, Number(confidence.toFixed(2)))),
        unambiguous: (oneToOne && departmentMatches !== false) || byDepartment,
      });
    }
  }
  return { suggestions, unmatched };
}

/** A department both known and different: the only thing that tells namesakes apart. */
function differs(other: string, mine: string): boolean {
  return other !== '' && other !== mine;
}
