import type { Contact } from '../../../chatwork/types.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { findContact } from '../../../linking/link-state.js';
import { decidedBy, rejectPair } from '../../../linking/write-links.js';
import type { Store } from '../../../store/store.js';

export interface LinkRejectOptions { user?: string; contact?: string; undo?: boolean; json?: boolean }

/**
 * `link reject <user> <contact>`: "this contact is not this person", remembered until
 * `link reject --undo`. The ids take the forms `link` takes (user id or e-mail; account id or
 * Chatwork ID); an account that is no longer a contact can be named by its account id.
 */
export async function run(options: LinkRejectOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (!options.user || !options.contact) throw new UsageError('linkReject.needArgs');
  const store = await deps.stores.state();
  const user = await userOf(store, options.user, options.undo === true);
  const contacts = await io.spinner(t('contacts.loading'), async () => (await deps.http.chatwork()).contacts());
  const account = accountOf(contacts, options.contact);
  const params = { user: `${user.name} (${user.id})`, contact: account.label, userId: user.id, accountId: account.id };
  if (options.undo) {
    const undone = await store.decisions.undoRejection(user.id, account.id);
    if (options.json) return io.json({ userId: user.id, accountId: account.id, undone });
    return io.err(t(undone ? 'linkReject.undone' : 'linkReject.notRejected', params));
  }
  const at = new Date(deps.clock.now()).toISOString();
  const { added, unlinked } = await rejectPair(store, { userId: user.id, accountId: account.id, at, by: decidedBy(deps.run) });
  if (options.json) return io.json({ userId: user.id, accountId: account.id, added, unlinked });
  io.err(t(added ? 'linkReject.done' : 'linkReject.already', params));
  if (unlinked) io.err(t('linkReject.unlinked', params));
}

async function userOf(store: Store, reference: string, undo: boolean): Promise<{ id: string; name: string }> {
  const user = await store.users.find(reference);
  if (user) return user;
  // A rejection may outlive its user (retired, or gone from an import): it can still be taken back by id.
  if (undo && (await store.decisions.rejections()).some((r) => r.userId === reference.trim())) return { id: reference.trim(), name: reference.trim() };
  throw new UsageError('link.noSuchUser', { user: reference });
}

function accountOf(contacts: Contact[], reference: string): { id: number; label: string } {
  const wanted = reference.trim();
  try {
    const contact = findContact(contacts, wanted);
    return { id: contact.account_id, label: `${contact.name} (${contact.account_id})` };
  } catch (error) {
    if (/^[1-9][0-9]*$/.test(wanted) && Number.isSafeInteger(Number(wanted))) return { id: Number(wanted), label: wanted };
    throw error;
  }
}
