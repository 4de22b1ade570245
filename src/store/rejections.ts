/**
 * "This contact is not this person": pairs an admin rejected (`link reject`, "no" in a review),
 * by user id, each with the account ids rejected for them. Kept in the store until taken back.
 */
export type Rejections = ReadonlyMap<string, ReadonlySet<number>>;

export function isRejected(rejected: Rejections | undefined, userId: string, accountId: number): boolean {
  return rejected?.get(userId)?.has(accountId) === true;
}

export function rejectionsOf(pairs: readonly { userId: string; accountId: number }[]): Rejections {
  const byUser = new Map<string, Set<number>>();
  for (const { userId, accountId } of pairs) {
    const set = byUser.get(userId) ?? new Set<number>();
    byUser.set(userId, set.add(accountId));
  }
  return byUser;
}
