import type { Directory, Settings } from '../domain.js';
import type { Store } from './store.js';
import { rejectionsOf } from './rejections.js';

/** The whole directory and its links, for commands that list or match all of it. */
export async function loadDirectory(store: Store): Promise<Directory> {
  const [users, links, rejections] = await Promise.all([store.users.all(), store.links.all(), store.decisions.rejections()]);
  return { users, links: Object.fromEntries(links), rejected: rejectionsOf(rejections) };
}

export async function loadSettings(store: Store): Promise<Settings> {
  const [config, directory, destinations] = await Promise.all([store.config.get(), loadDirectory(store), store.destinations.all()]);
  return { ...config, ...directory, destinations };
}
