import type { Contact } from '../chatwork/types.js';
import type { HiManagerUser } from '../domain.js';
import { UsageError } from '../errors.js';
import type { Store } from '../store/store.js';
import { isRejected, rejectionsOf } from './rejections.js';
import { addLinks, setLink } from './write-links.js';

const label = (user: HiManagerUser) => `${user.name} (${user.id})`;
const contactLabel = (contact: Contact) => `${contact.name} (${contact.account_id})`;

/**
 * A link an admin chose (`link <user> <contact>`, the console): the same refusals wherever it
 * is asked for. A retired person gets no link; a pair said not to be the same person is linked
 * only after that is taken back; never two people on one contact (the store checks it in its
 * transaction). `expected`: the person's link as the admin saw it (null: none). When it changed
 * since (another tab, the CLI), nothing is written: a change is never made over one not seen.
 */
export async function linkByHand(store: Store, user: HiManagerUser, contact: Contact, at: string, expected?: number | null): Promise<void> {
  await refuseLinkByHand(store, user, contact);
  const link = { accountId: contact.account_id, source: 'manual' as const, linkedAt: at };
  const taken = (owner: string) => new UsageError('link.contactTaken', { contact: contactLabel(contact), user: owner });
  if (expected === null) {
    // Only if still unlinked, decided inside the store's transaction.
    if ((await addLinks(store, { [user.id]: link }, { confirmed: true, at })).length) return;
    const now = (await store.links.byUserIds([user.id])).get(user.id);
    if (now) throw new UsageError('console.links.changedMeanwhile', { user: label(user) });
    const owner = [...await store.links.all()].find(([, l]) => l.accountId === contact.account_id)?.[0];
    throw taken(owner ?? '?');
  }
  if (expected !== undefined && (await store.links.byUserIds([user.id])).get(user.id)?.accountId !== expected) {
    throw new UsageError('console.links.changedMeanwhile', { user: label(user) });
  }
  const change = await setLink(store, user.id, link, { confirmed: true, at });
  if (change.refused.length) throw taken(change.refused[0]!.owner);
}

/** Why this pair may not be linked by hand, as an error (a dry run asks it too). */
export async function refuseLinkByHand(store: Store, user: HiManagerUser, contact: Contact): Promise<void> {
  // Retired (users sync): gets nothing, so a link would only hold a contact someone else may need.
  if (user.status === 'retired') throw new UsageError('link.retired', { user: label(user) });
  // A pair said not to be the same person is linked only after that is taken back, on purpose.
  if (isRejected(rejectionsOf(await store.decisions.rejections()), user.id, contact.account_id)) {
    throw new UsageError('link.rejectedPair', { user: label(user), contact: contactLabel(contact), userId: user.id, accountId: contact.account_id });
  }
}
