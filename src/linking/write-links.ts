import type { Link } from '../domain.js';
import type { LinkChange, LinkWriteMeta, Rejection, Store } from '../store/store.js';

/**
 * The one module that writes links: every command goes through it, and every write carries
 * what the link history needs (whether a person confirmed the link, why a link ended), which the
 * store records in the write's own transaction. Never two users on one contact: the store checks
 * it inside that transaction.
 */

/** New links only: a user's existing link is never replaced. Returns the users linked now. */
export async function addLinks(store: Store, links: Record<string, Link>, meta: LinkWriteMeta): Promise<string[]> {
  if (Object.keys(links).length === 0) return [];
  return (await store.links.set(new Map(Object.entries(links)), { onlyIfUnlinked: true, ...meta })).added;
}

/** One link by hand, replacing the user's link if they had one (ended as `corrected` unless told). */
export function setLink(store: Store, userId: string, link: Link, meta: LinkWriteMeta): Promise<LinkChange> {
  return store.links.set(new Map([[userId, link]]), meta);
}

/** A links file: the whole mapping; with prune the links it lacks end as `pruned`. */
export function replaceLinks(store: Store, links: Record<string, Link>, prune: boolean, meta: LinkWriteMeta): Promise<LinkChange> {
  return store.links.replace(new Map(Object.entries(links)), { prune, ...meta });
}

/** Ends these users' links (an admin's unlink unless a reason is given). Returns the users unlinked. */
export function removeLinks(store: Store, userIds: string[], meta: LinkWriteMeta): Promise<string[]> {
  return store.links.remove(userIds, meta);
}

/** "Not this person": remembered, and the pair's link, if it is linked, ends as `rejected`. */
export function rejectPair(store: Store, rejection: Rejection): Promise<{ added: boolean; unlinked: boolean }> {
  return store.decisions.reject(rejection);
}

/** Who decided, for a rejection row: the command and its run, never a secret. */
export function decidedBy(run: { command: string; id: string; host: string }): string {
  return `${run.command} (${run.host}, run ${run.id})`;
}
