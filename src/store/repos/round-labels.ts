/**
 * The rounds of a reminder (issue 27). A (reminder, person) pair is delivered at most once per
 * round. The labels are stored in the ledger and in dumps, so they never change:
 * - '' the first message (round 0), as every delivery before rounds existed;
 * - `d<N>` the follow-up N calendar days before due (`d3`, `d1`, `d0`);
 * - `manager` the escalation to a person's manager (pair: reminder id, the manager's user id).
 */
export type Round = string;
export const FIRST_ROUND: Round = '';
export const MANAGER_ROUND: Round = 'manager';
export const ROUND_PATTERN = /^(?:|d(?:0|[1-9][0-9]{0,2})|manager)$/;

export const followUpRound = (daysBefore: number): Round => `d${daysBefore}`;

/** The days before due of a follow-up round; undefined for the first message and the escalation. */
export function daysBeforeOf(round: Round): number | undefined {
  const match = /^d(\d+)$/.exec(round);
  return match ? Number(match[1]) : undefined;
}

/** Rounds in the order they go: '' first, then follow-ups from the farthest from due to the due day, `manager` last. */
export function roundOrder(round: Round): number {
  if (round === FIRST_ROUND) return -Infinity;
  if (round === MANAGER_ROUND) return Infinity;
  return -(daysBeforeOf(round) ?? 0);
}
