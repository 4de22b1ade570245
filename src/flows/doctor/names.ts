import type { Translate } from '../../i18n/translate.js';
import type { HiManagerUser } from '../../domain.js';
import type { Contact } from '../../chatwork/types.js';

/**
 * People as doctor names them: 「田中 舞 (E0012)」, never a bare id that the admin must look
 * up. At most five, then how many more.
 */
export function peopleSample(people: { id: string; name?: string }[], t: Translate): string {
  const shown = people.slice(0, 5).map((person) => (person.name ? `${person.name} (${person.id})` : person.id));
  const more = people.length - shown.length;
  return shown.join(t('doctor.people.separator')) + (more > 0 ? t('doctor.people.more', { count: more }) : '');
}

/** The users these ids name, with their names where the directory still has them. */
export function named(ids: string[], users: HiManagerUser[]): { id: string; name?: string }[] {
  const byId = new Map(users.map((user) => [user.id, user]));
  return ids.map((id) => ({ id, ...(byId.get(id) ? { name: byId.get(id)!.name } : {}) }));
}

/** A contact as doctor names it: its Chatwork name and account id. */
export function contactName(accountId: number, contacts: Contact[]): string {
  const contact = contacts.find((c) => c.account_id === accountId);
  return contact ? `${contact.name} (${accountId})` : String(accountId);
}
