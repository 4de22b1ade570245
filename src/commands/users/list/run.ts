import { loadDirectory } from '../../../store/snapshot.js';
import type { Deps } from '../../../deps/deps.js';
import { tableLines } from '../../../io/table.js';

export interface UsersListOptions { json?: boolean }

/** Offline: the directory and which users are linked. `links` checks the links against Chatwork. */
export async function run(options: UsersListOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const { users, links } = await loadDirectory(await deps.stores.state());
  if (options.json) {
    return io.json(users.map((user) => ({ ...user, linked: user.id in links, accountId: links[user.id]?.accountId ?? null })));
  }
  if (users.length === 0) return io.err(t('users.empty'));
  const rows = users.map((user) => [user.id, user.name, user.email, user.department ?? '', links[user.id] ? String(links[user.id]!.accountId) : t('users.unlinked')]);
  await io.lines(tableLines(t('users.columns').split('|'), rows));
  const linked = users.filter((user) => links[user.id]).length;
  io.err(t('users.summary', { count: users.length, linked, unlinked: users.length - linked }));
}
