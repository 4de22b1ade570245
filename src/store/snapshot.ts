import type { Directory } from '../domain.js';
import type { Store } from './store.js';

/** The whole directory and its links, for commands that list or match all of it. */
export async function loadDirectory(store: Store): Promise<Directory> {
  const [users, links] = await Promise.all([store.users.all(), store.links.all()]);
  return { users, links: Object.fromEntries(links) };
}
