import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { findContact, findUser } from '../linking/link-state.js';
import { runAutoLink } from '../linking/auto-link.js';

export interface LinkOptions { user?: string; contact?: string; auto?: boolean; yes?: boolean; dryRun?: boolean; json?: boolean }

/** `link <user> <contact>`, or `link --auto` for suggestions from name matching. */
export async function run(options: LinkOptions, deps: Deps): Promise<void> {
  if (options.auto) {
    if (options.user || options.contact) throw new UsageError('link.autoTakesNoArgs');
    return runAutoLink(options, deps);
  }
  if (!options.user || !options.contact) throw new UsageError('link.needArgs');
  const { io, t } = deps;
  const settings = await deps.stores.settings();
  const current = settings.read();
  const user = findUser(current.users, options.user);
  const contacts = await (await deps.http.chatwork()).contacts();
  const contact = findContact(contacts, options.contact);
  const owner = Object.entries(current.links).find(([userId, link]) => link.accountId === contact.account_id && userId !== user.id);
  if (owner) throw new UsageError('link.contactTaken', { contact: `${contact.name} (${contact.account_id})`, user: owner[0] });
  if (options.dryRun) return io.err(t('link.wouldLink', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
  settings.update((s) => { s.links[user.id] = { accountId: contact.account_id, source: 'manual', linkedAt: new Date(deps.clock.now()).toISOString() }; });
  if (options.json) return io.json({ userId: user.id, accountId: contact.account_id, dmRoomId: contact.room_id });
  io.err(t('link.linked', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }));
}
