// Types for the tests that import the chaos run's judge (check.mjs).
export const OPERATOR: number;
export interface Violation { rule: string; reminderId: string; userId: string; status: string; reached: string[]; detail?: string }
export function reachOf(rooms: unknown[]): Map<string, { kind: string; room: number; ids: string[] }[]>;
export function checkPairs(input: {
  pairs: Map<string, Set<string>>;
  people: { userId: string; accountId: number }[];
  rooms: unknown[];
  history: { reminderId: string; userId: string; status: string; messageId?: string | null; roomId?: number | null }[];
}): Violation[];
