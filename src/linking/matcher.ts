import type { Contact } from '../chatwork/types.js';
import type { HiManagerUser, Link } from '../domain.js';
import { indexByName, nameKeys, sharedEvidence, type NameKeys } from './name-index.js';
import { departmentKey } from './normalize.js';
import { isKanjiName } from './reading.js';
import { isRejected, type Rejections } from '../store/rejections.js';
import { mayDecideAlone, type OrganizationTrust } from './trust.js';

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
 * in-organisation contact with an employee's name is that employee, one account each). A contact
 * whose organisation id is not trusted (trust.ts: not the account's own, nor on the admin's list,
 * or no organisation at all) never counts as a match and is never suggested as unambiguous.
 */
export interface MatchOptions {
  /** Pairs an admin said are not the same person: never proposed, and they make no one ambiguous. */
  rejected?: Rejections;
  /** For the test that shows three rounds give what more give (matcher-rounds.test.ts). */
  maxRounds?: number;
}

export function suggestLinks(users: HiManagerUser[], contacts: Contact[], links: Record<string, Link>, trust: OrganizationTrust, options: MatchOptions | number = {}): MatchResult {
  const { rejected, maxRounds = MAX_ROUNDS } = typeof options === 'number' ? { maxRounds: options } : options;
  const apart = (u: HiManagerUser, c: Contact) => isRejected(rejected, u.id, c.account_id);
  const linkedAccounts = new Set(Object.values(links).map((link) => link.accountId));
  const freeUsers = users.filter((user) => !links[user.id]);
  const freeContacts = contacts.filter((contact) => !linkedAccounts.has(contact.account_id));
  const outsider = (c: Contact) => !mayDecideAlone(trust, c.organization_id);
  const userKeys = new Map(freeUsers.map((u) => [u, nameKeys(u.name, u.reading)]));
  const contactKeys = new Map(freeContacts.map((c) => [c, nameKeys(c.name)]));
  // Who can influence whom: people sharing no key, even through others, never change each
  // other's result, so a later round looks again only where a pair just left.
  const group = components(freeUsers, freeContacts, userKeys, contactKeys);
  let { suggestions, unmatched } = oneRound(freeUsers, freeContacts, userKeys, contactKeys, outsider, apart);
  const certain: Suggestion[] = [];
  const done = new Set<HiManagerUser | Contact>();
  for (let round = 2; round <= maxRounds; round++) {
    const found = suggestions.filter((s) => s.unambiguous);
    if (found.length === 0) break;
    certain.push(...found);
    for (const s of found) done.add(s.user).add(s.contact);
    const touched = new Set(found.map((s) => group.get(s.user)!));
    const again = oneRound(freeUsers.filter((u) => !done.has(u) && touched.has(group.get(u)!)),
      freeContacts.filter((c) => !done.has(c) && touched.has(group.get(c)!)), userKeys, contactKeys, outsider, apart);
    suggestions = [...suggestions.filter((s) => !s.unambiguous && !touched.has(group.get(s.user)!)), ...again.suggestions];
    unmatched = [...unmatched.filter((u) => !touched.has(group.get(u)!)), ...again.unmatched];
  }
  const all = [...certain, ...suggestions.filter((s) => !done.has(s.user) || certain.includes(s))];
  all.sort((a, b) => b.confidence - a.confidence || a.user.id.localeCompare(b.user.id));
  return { suggestions: all, unmatched };
}

/** Connected groups of people through shared keys (union-find), each item to its group's id. */
function components(users: HiManagerUser[], contacts: Contact[], userKeys: Map<HiManagerUser, NameKeys>, contactKeys: Map<Contact, NameKeys>) {
  const items: (HiManagerUser | Contact)[] = [...users, ...contacts];
  const parent = items.map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!; return i; };
  const firstWith = new Map<string, number>();
  items.forEach((item, i) => {
    const keys = i < users.length ? userKeys.get(item as HiManagerUser)! : contactKeys.get(item as Contact)!;
    for (const key of keys.all.keys()) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  return new Map(items.map((item, i) => [item, find(i)]));
}

function oneRound(freeUsers: HiManagerUser[], freeContacts: Contact[], userKeys: Map<HiManagerUser, NameKeys>,
  contactKeys: Map<Contact, NameKeys>, outsider: (c: Contact) => boolean, apart: (u: HiManagerUser, c: Contact) => boolean): MatchResult {
  const without = <T>(found: Set<T>, drop: (item: T) => boolean) => new Set([...found].filter((item) => !drop(item)));
  const contactIndex = indexByName(freeContacts, (c) => contactKeys.get(c)!);
  const insiderIndex = indexByName(freeContacts.filter((c) => !outsider(c)), (c) => contactKeys.get(c)!);
  const userIndex = indexByName(freeUsers, (u) => userKeys.get(u)!);
  const suggestions: Suggestion[] = [];
  const unmatched: HiManagerUser[] = [];
  const closeUsersOf = new Map<Contact, Set<HiManagerUser>>();
  for (const user of freeUsers) {
    const uKeys = userKeys.get(user)!;
    const candidates = without(contactIndex.close(uKeys), (c) => apart(user, c));
    if (candidates.size === 0) {
      unmatched.push(user);
      continue;
    }
    const insiders = without(insiderIndex.close(uKeys), (c) => apart(user, c));
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
      let closeUsers = closeUsersOf.get(contact);
      if (!closeUsers) closeUsersOf.set(contact, closeUsers = without(userIndex.close(cKeys), (u) => apart(u, contact)));
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
