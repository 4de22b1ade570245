import type { Contact } from '../chatwork/types.js';
import type { Directory, HiManagerUser } from '../domain.js';
import { MISTAKEN_LINK, type LinkHistoryEntry } from '../store/repos/decisions.js';
import { isRejected, rejectionsOf, type Rejections } from '../store/rejections.js';

/**
 * The person a re-added account belonged to: someone once linked to exactly this account by a
 * link a person confirmed, no link of that pair ever ended as a mistake (unlinked by an admin,
 * corrected, rejected, pruned), and the pair is not rejected. The person must be free for it:
 * unlinked, or still linked to this same account, whose contact is gone. Nobody else may hold
 * the account. Only one such person, or none: the account id decides, never a name.
 */
export function formerOwner(accountId: number, directory: Directory, contacts: Contact[], history: readonly LinkHistoryEntry[]): HiManagerUser | undefined {
  const mine = history.filter((entry) => entry.accountId === accountId);
  const owners = [...new Set(mine.filter((entry) => entry.confirmed).map((entry) => entry.userId))]
    .filter((userId) => !mine.some((entry) => entry.userId === userId && entry.reason !== undefined && MISTAKEN_LINK.includes(entry.reason)))
    .filter((userId) => !isRejected(directory.rejected, userId, accountId));
  if (owners.length !== 1) return undefined;
  const user = directory.users.find((u) => u.id === owners[0]);
  if (!user) return undefined;
  const link = directory.links[user.id];
  if (link && (link.accountId !== accountId || contacts.some((c) => c.account_id === accountId))) return undefined;
  const heldByOther = Object.entries(directory.links).some(([userId, other]) => userId !== user.id && other.accountId === accountId);
  return heldByOther ? undefined : user;
}

/** A user linked to an account that is no longer a contact: their link may be replaced by hand after a confirmation. */
export function linkedToRemovedContact(userId: string, directory: Directory, contacts: Contact[]): number | undefined {
  const link = directory.links[userId];
  return link && !contacts.some((c) => c.account_id === link.accountId) ? link.accountId : undefined;
}

/** The rejections plus every pair whose link ended as a mistake: neither is ever approved or linked automatically again. */
export function withMistakes(rejected: Rejections | undefined, history: readonly LinkHistoryEntry[]): Rejections {
  const pairs = [...rejected ?? new Map<string, ReadonlySet<number>>()].flatMap(([userId, accounts]) => [...accounts].map((accountId) => ({ userId, accountId })));
  const mistaken = history.filter((entry) => entry.reason !== undefined && MISTAKEN_LINK.includes(entry.reason));
  return rejectionsOf([...pairs, ...mistaken]);
}
