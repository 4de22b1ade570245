import type { Contact } from '../chatwork/types.js';
import type { HiManagerUser, Link } from '../domain.js';
import { departmentKey, exactKey, swappedKey, variantKey } from './normalize.js';

export type MatchReason = 'exact' | 'variant' | 'swapped' | 'namesake';

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

const BASE: Record<Exclude<MatchReason, 'namesake'>, number> = { exact: 0.97, variant: 0.93, swapped: 0.9 };

/**
 * Suggests links for users without one, from Japanese-aware name keys. Every key is
 * looked up in a hash index, so the work grows linearly with the number of people.
 * A user and a contact are "close" when any of their keys meet; a suggestion is
 * unambiguous only when that closeness is one user to one contact. Contacts outside
 * the connected account's organisation are never suggested automatically.
 */
export function suggestLinks(
  users: HiManagerUser[],
  contacts: Contact[],
  links: Record<string, Link>,
  ownOrganization?: string,
): MatchResult {
  const linkedAccounts = new Set(Object.values(links).map((link) => link.accountId));
  const freeUsers = users.filter((user) => !links[user.id]);
  const freeContacts = contacts.filter((contact) => !linkedAccounts.has(contact.account_id));

  const contactNames = indexByName(freeContacts, (contact) => contact.name);
  const userNames = indexByName(freeUsers, (user) => user.name);
  const contactKeys = contactNames.keys;
  const userKeys = userNames.keys;
  const closeContacts = (user: HiManagerUser) => contactNames.close(userKeys.get(user)!);
  const closeUsers = (contact: Contact) => userNames.close(contactKeys.get(contact)!);

  const suggestions: Suggestion[] = [];
  const unmatched: HiManagerUser[] = [];
  for (const user of freeUsers) {
    const candidates = closeContacts(user);
    if (candidates.size === 0) {
      unmatched.push(user);
      continue;
    }
    const uKeys = userKeys.get(user)!;
    for (const contact of candidates) {
      const cKeys = contactKeys.get(contact)!;
      const reason: Exclude<MatchReason, 'namesake'> = uKeys.exact === cKeys.exact ? 'exact'
        : uKeys.variant === cKeys.variant ? 'variant' : 'swapped';
      const userDept = departmentKey(user.department);
      const contactDept = departmentKey(contact.department);
      const departmentMatches = userDept && contactDept ? userDept === contactDept : undefined;
      const outsider = ownOrganization !== undefined && contact.organization_name !== '' && contact.organization_name !== ownOrganization;
      const oneToOne = candidates.size === 1 && closeUsers(contact).size === 1;
      let confidence = BASE[reason] + (departmentMatches === true ? 0.02 : departmentMatches === false ? -0.2 : 0);
      if (!oneToOne) confidence -= 0.35;
      if (outsider) confidence -= 0.4;
      suggestions.push({
        user, contact, reason: oneToOne ? reason : 'namesake', departmentMatches,
        confidence: Math.max(0.05, Math.min(0.99, Number(confidence.toFixed(2)))),
        unambiguous: oneToOne && !outsider && departmentMatches !== false,
      });
    }
  }
  suggestions.sort((a, b) => b.confidence - a.confidence || a.user.id.localeCompare(b.user.id));
  return { suggestions, unmatched };
}

interface NameKeys { exact: string; variant: string; swappedVariant?: string }

/**
 * Every item under the variant keys of its name, so the other side finds what is close
 * in one lookup per key: the same name once variants fold, or once family and given
 * names swap.
 */
function indexByName<T>(items: T[], nameOf: (item: T) => string) {
  const keys = new Map<T, NameKeys>();
  const index = new Map<string, Set<T>>();
  const lookupKeys = (k: NameKeys) => (k.swappedVariant ? [k.variant, k.swappedVariant] : [k.variant]);
  for (const item of items) {
    const name = nameOf(item);
    const swapped = swappedKey(name);
    const k: NameKeys = { exact: exactKey(name), variant: variantKey(name), swappedVariant: swapped ? variantKey(swapped) : undefined };
    keys.set(item, k);
    for (const key of lookupKeys(k)) {
      let set = index.get(key);
      if (!set) index.set(key, set = new Set());
      set.add(item);
    }
  }
  const close = (k: NameKeys): Set<T> => {
    const found = new Set<T>();
    for (const key of lookupKeys(k)) for (const item of index.get(key) ?? []) found.add(item);
    return found;
  };
  return { keys, close };
}
