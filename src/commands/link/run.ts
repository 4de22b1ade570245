import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { findContact } from '../../linking/link-state.js';
import { runAutoLink } from '../../linking/auto-link.js';
import { linkByHand, refuseLinkByHand } from '../../linking/link-by-hand.js';
import { runReview } from '../../linking/review.js';

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
  if (user.status === 'retired') throw new UsageError('link.retired', { user: `${user.name} (${user.id})` });
  const contacts = await (await deps.http.chatwork()).contacts();
  const contact = findContact(contacts, options.contact);
  const taken = (user: string) => new UsageError('link.contactTaken', { contact: `${contact.name} (${contact.account_id})`, user });
  // The same refusals as the console's (retired, a pair said not to be the same person): one rule, in link-by-hand.ts.
  await refuseLinkByHand(store, user, contact);
  if (options.dryRun) {
    const owner = [...await store.links.all()].find(([userId, link]) => link.accountId === contact.account_id && userId !== user.id);
    if (owner) throw taken(owner[0]);
    return io.err(t('link.wouldLink', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
  }
  await linkByHand(store, user, contact, new Date(deps.clock.now()).toISOString());
  if (options.json) return io.json({ userId: user.id, accountId: contact.account_id, dmRoomId: contact.room_id });
  io.err(t('link.linked', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
}
