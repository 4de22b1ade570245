import type { Contact } from '../chatwork/types.js';
import { UsageError } from '../errors/index.js';
import type { Directory, HiManagerUser, Link } from '../domain.js';

type LinkState = 'ok' | 'contact-gone' | 'user-gone';

interface LinkRow {
  userId: string;
  user?: HiManagerUser;
  accountId: number;
  contact?: Contact;
  state: LinkState;
  source: Link['source'];
}

export interface LinkReport {
  links: LinkRow[];
  unlinked: HiManagerUser[];
  /** Contacts that more than one user points at (only a hand-edited file can do this). */
  linkedTwice: { accountId: number; userIds: string[] }[];
}

/** Every link checked against the directory and the current contacts: no API call per link. */
export function linkReport(settings: Directory, contacts: Contact[]): LinkReport {
  const users = new Map(settings.users.map((user) => [user.id, user]));
  const byAccount = new Map(contacts.map((contact) => [contact.account_id, contact]));
  const links: LinkRow[] = Object.entries(settings.links).map(([userId, link]) => {
    const user = users.get(userId);
    const contact = byAccount.get(link.accountId);
    const state: LinkState = !user ? 'user-gone' : !contact ? 'contact-gone' : 'ok';
    return { userId, user, accountId: link.accountId, contact, state, source: link.source };
  });
  const owners = new Map<number, string[]>();
  for (const row of links) owners.set(row.accountId, [...(owners.get(row.accountId) ?? []), row.userId]);
  return {
    links,
    unlinked: settings.users.filter((user) => !settings.links[user.id]),
    linkedTwice: [...owners].filter(([, ids]) => ids.length > 1).map(([accountId, userIds]) => ({ accountId, userIds })),
  };
}

export function findUser(users: HiManagerUser[], reference: string): HiManagerUser {
  const wanted = reference.trim();
  const email = wanted.normalize('NFKC').toLowerCase();
  const user = users.find((u) => u.id === wanted) ?? users.find((u) => u.email === email);
  if (!user) throw new UsageError('link.noSuchUser', { user: reference });
  return user;
}

export function findContact(contacts: Contact[], reference: string): Contact {
  const wanted = reference.trim();
  const contact = /^\d+$/.test(wanted)
    ? contacts.find((c) => c.account_id === Number(wanted))
    : contacts.find((c) => c.chatwork_id === wanted);
  if (!contact) throw new UsageError('link.noSuchContact', { contact: reference });
  return contact;
}
