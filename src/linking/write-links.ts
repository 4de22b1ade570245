import type { Link, SettingsStore } from '../store/settings.js';

/**
 * The one place where automatic linking (link --auto, contacts approve) writes links:
 * when state moves to another store, this is what moves with it. Never two users on
 * one contact, never a user's existing link replaced. Returns the users linked now.
 */
export function addLinks(settings: SettingsStore, links: Record<string, Link>): string[] {
  const added: string[] = [];
  if (Object.keys(links).length === 0) return added;
  settings.update((s) => {
    const taken = new Set(Object.values(s.links).map((l) => l.accountId));
    for (const [userId, link] of Object.entries(links)) {
      if (taken.has(link.accountId) || s.links[userId]) continue;
      s.links[userId] = link;
      taken.add(link.accountId);
      added.push(userId);
    }
  });
  return added;
}
