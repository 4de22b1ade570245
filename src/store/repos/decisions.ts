import type { Link } from '../../domain.js';

/** A pair an admin said is not the same person. `by` says who: the command and its run. */
export interface Rejection { userId: string; accountId: number; at: string; by: string }

/**
 * Why a link ended. `unlinked` (an admin's unlink), `corrected` (the person's link changed to
 * another account), `rejected` and `pruned` (a links file without it) say the link was a mistake:
 * such a pair never counts as "the account this person had". `contact-gone` (relinked after the
 * contact was removed), `reset` (auth logout) and `retired` (the person left) do not.
 */
export type UnlinkReason = 'unlinked' | 'corrected' | 'rejected' | 'pruned' | 'contact-gone' | 'reset' | 'retired';
export const MISTAKEN_LINK: readonly UnlinkReason[] = ['unlinked', 'corrected', 'rejected', 'pruned'];

export interface LinkHistoryEntry {
  userId: string;
  accountId: number;
  source: Link['source'];
  /** A person said yes to this very pair (a link by hand, a review, a confirmation); not a batch run with --yes. */
  confirmed: boolean;
  linkedAt: string;
  unlinkedAt?: string;
  reason?: UnlinkReason;
}

/** How a write of links is recorded in the history: whether a person confirmed it, and why a link it replaces or removes ended. */
export interface LinkWriteMeta { confirmed?: boolean; reason?: UnlinkReason; at?: string }

export interface DecisionsRepo {
  rejections(): Promise<Rejection[]>;
  /**
   * Records a rejection (false when it was there already) and, in the same transaction, ends the
   * link of that very pair if there is one (reason `rejected`): the answer is "not this person".
   */
  reject(rejection: Rejection): Promise<{ added: boolean; unlinked: boolean }>;
  /** Takes a rejection back; false when there was none. */
  undoRejection(userId: string, accountId: number): Promise<boolean>;
  /** The history of these users' links (every user's without a list), oldest first. */
  history(userIds?: string[]): Promise<LinkHistoryEntry[]>;
}
