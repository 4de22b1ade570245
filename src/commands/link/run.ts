import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { findContact } from '../../linking/link-state.js';
import { runAutoLink } from '../../flows/auto-link.js';
import { setLink } from '../../linking/write-links.js';
import { runReview } from '../../flows/link-review.js';
import { isRejected, rejectionsOf } from '../../store/rejections.js';

export interface LinkOptions { user?: string; contact?: string; auto?: boolean; review?: boolean; yes?: boolean; dryRun?: boolean; json?: boolean }

/** `link <user> <contact>`, or `link --auto` for suggestions from name matching. */
export async function run(options: LinkOptions, deps: Deps): Promise<void> {
  if (options.review) {
    if (options.user || options.contact || options.auto || options.yes || options.dryRun) throw new UsageError('link.reviewAlone');
    return runReview(options, deps);
  }
  if (options.auto) {
    if (options.user || options.contact) throw new UsageError('link.autoTakesNoArgs');
    return runAutoLink(options, deps);
  }
  if (!options.user || !options.contact) throw new UsageError('link.needArgs');
  const { io, t } = deps;
  const store = await deps.stores.state();
  const user = await store.users.find(options.user);
  if (!user) throw new UsageError('link.noSuchUser', { user: options.user });
  // Retired (users sync): gets nothing, so a link would only hold a contact someone else may need.
  if (user.status === 'retired') throw new UsageError('link.retired', { user: `${user.name} (${user.id})` });
  const contacts = await (await deps.http.chatwork()).contacts();
  const contact = findContact(contacts, options.contact);
  // A pair said not to be the same person is linked only after that is taken back, on purpose.
  if (isRejected(rejectionsOf(await store.decisions.rejections()), user.id, contact.account_id)) {
    throw new UsageError('link.rejectedPair', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})`, userId: user.id, accountId: contact.account_id });
  }
  const taken = (user: string) => new UsageError('link.contactTaken', { contact: `${contact.name} (${contact.account_id})`, user });
  if (options.dryRun) {
    const owner = [...await store.links.all()].find(([userId, link]) => link.accountId === contact.account_id && userId !== user.id);
    if (owner) throw taken(owner[0]);
    return io.err(t('link.wouldLink', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
  }
  // The store refuses a contact that is another user's, inside the same transaction as the write.
  const at = new Date(deps.clock.now()).toISOString();
  const change = await setLink(store, user.id, { accountId: contact.account_id, source: 'manual', linkedAt: at }, { confirmed: true, at });
  if (change.refused.length) throw taken(change.refused[0]!.owner);
  if (options.json) return io.json({ userId: user.id, accountId: contact.account_id, dmRoomId: contact.room_id });
  io.err(t('link.linked', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
}
