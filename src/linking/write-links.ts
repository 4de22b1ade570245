import type { Link } from '../domain.js';
import type { Store } from '../store/store.js';

/**
 * The one place where automatic linking (link --auto, contacts approve) writes links.
 * Never two users on one contact, never a user's existing link replaced: the store checks
 * both inside its transaction. Returns the users linked now.
 */
export async function addLinks(store: Store, links: Record<string, Link>): Promise<string[]> {
  if (Object.keys(links).length === 0) return [];
  return (await store.links.set(new Map(Object.entries(links)), { onlyIfUnlinked: true })).added;
}
