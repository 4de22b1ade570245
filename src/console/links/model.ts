import type { Contact } from '../../chatwork/types.js';
import type { Deps } from '../../deps.js';
import type { HiManagerUser, Link } from '../../domain.js';
import { suggestLinks, type Suggestion } from '../../linking/matcher.js';
import { readTrust } from '../../linking/own-organization.js';
import { onePerPerson } from '../../linking/review.js';
import { whyNotLinked, type NotAutomatic, type OrganizationTrust } from '../../linking/trust.js';
import { loadDirectory } from '../../store/snapshot.js';

/** Where a person stands: linked (to a contact, or to an account that is no longer one), or not and why. */
export type PersonState = 'linked' | 'notContact' | 'certain' | 'review' | 'none' | 'retired';

export interface Candidate { suggestion: Suggestion; why: NotAutomatic | undefined }

export interface PersonRow {
  user: HiManagerUser;
  state: PersonState;
  link?: Link;
  contact?: Contact;
  candidates: Candidate[];
  /** Lower-case NFKC name, reading, e-mail, id and department: what the search looks in. */
  text: string;
}

export interface LinksModel {
  rows: PersonRow[];
  contacts: Contact[];
  trust: OrganizationTrust;
  /** The certain matches "accept all" applies: one per person and per contact, a trusted organisation only. */
  certain: Suggestion[];
  departments: string[];
}

/**
 * Every person of the directory with their link or their candidates, from the same code as
 * `link --auto` and `link --review`: the matcher, the rejections, the organisation trust.
 */
export async function linksModel(deps: Deps): Promise<LinksModel> {
  const store = await deps.stores.state();
  const [directory, config] = await Promise.all([loadDirectory(store), store.config.get()]);
  const api = await deps.http.chatwork();
  const [trust, contacts] = await Promise.all([readTrust(config, () => api.me()), api.contacts()]);
  const active = directory.users.filter((u) => u.status !== 'retired');
  const { suggestions } = suggestLinks(active, contacts, directory.links, trust, { rejected: directory.rejected });
  const certain = onePerPerson(suggestions.filter((s) => whyNotLinked(trust, s) === undefined));
  const certainUsers = new Set(certain.map((s) => s.user.id));
  const byUser = new Map<string, Candidate[]>();
  for (const suggestion of suggestions) {
    const list = byUser.get(suggestion.user.id) ?? [];
    list.push({ suggestion, why: whyNotLinked(trust, suggestion) });
    byUser.set(suggestion.user.id, list);
  }
  const byAccount = new Map(contacts.map((c) => [c.account_id, c]));
  const rows = directory.users.map((user): PersonRow => {
    const link = directory.links[user.id];
    const contact = link ? byAccount.get(link.accountId) : undefined;
    const candidates = byUser.get(user.id) ?? [];
    const state: PersonState = user.status === 'retired' ? 'retired' : link ? (contact ? 'linked' : 'notContact')
      : certainUsers.has(user.id) ? 'certain' : candidates.length ? 'review' : 'none';
    const text = [user.name, user.reading, user.email, user.id, user.department].filter(Boolean).join(' ').normalize('NFKC').toLowerCase();
    return { user, state, ...(link ? { link } : {}), ...(contact ? { contact } : {}), candidates, text };
  });
  const departments = [...new Set(directory.users.map((u) => u.department).filter((d): d is string => !!d))].sort((a, b) => a.localeCompare(b, 'ja'));
  return { rows, contacts, trust, certain, departments };
}
