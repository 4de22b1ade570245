import type { NotificationType } from '../domain.js';

/**
 * How a reminder went (`reminders stats`), computed from what the store keeps: the deliveries
 * of each round, the people who answered (dropped out of the input) and after which round,
 * those still pending, the skips by reason, the failures. Pure: the command reads, this counts.
 */
export interface ReminderFacts {
  reminderId: string;
  type?: NotificationType;
  title?: string;
  due?: string;
  /** Each (person, round) delivery of this reminder the ledger has, with its status. */
  deliveries: { userId: string; round: string; status: 'sent' | 'failed' | 'in-flight' | 'deferred'; recalled?: boolean }[];
  /** The people who answered, and the latest round they had been sent then (none: undefined). */
  answered: { userId: string; afterRound?: string }[];
  pending: string[];
  /** Each skip's reason, per person (the latest). */
  skips: { userId: string; reason: string }[];
}

export interface ReminderStats {
  reminderId: string; type?: NotificationType; title?: string; due?: string;
  /** People at least one message reached. */
  asked: number;
  /** Messages delivered per round ('' the first message, `d<N>` a follow-up, `manager`). */
  messages: Record<string, number>;
  /** People who answered after each round; `none` answered before any message reached them. */
  answeredAfter: Record<string, number>;
  answered: number;
  pending: number;
  skipped: Record<string, number>;
  /** People whose latest delivery of a round failed and was never sent. */
  failed: number;
  /** Tasks marked done on answer, and closes Chatwork refused or that failed (src/delivery/close-tasks.ts). */
  tasks: { closed: number; refused: number; failed: number };
}

/** Rounds in the order they go: the first message, then the follow-ups (most days before due first), then the manager's. */
function roundRank(round: string): number {
  if (round === '') return -1_000_000;
  if (round === 'manager') return 1_000_000;
  const days = /^d(\d+)$/.exec(round);
  return days ? -Number(days[1]) : 0;
}

const TASK_REASONS: Record<string, keyof ReminderStats['tasks']> = {
  'task-closed': 'closed', 'task-close-gone': 'closed', 'task-close-refused': 'refused', 'task-close-failed': 'failed',
};

export function reminderStats(facts: ReminderFacts): ReminderStats {
  const messages: Record<string, number> = {};
  const asked = new Set<string>();
  const sentRounds = new Set<string>();
  const failedRounds = new Map<string, string>();
  for (const d of facts.deliveries) {
    if (d.status === 'sent') {
      messages[d.round] = (messages[d.round] ?? 0) + 1;
      asked.add(d.userId);
      sentRounds.add(`${d.userId}\u001f${d.round}`);
    } else if (d.status === 'failed') failedRounds.set(`${d.userId}\u001f${d.round}`, d.userId);
  }
  const failed = new Set([...failedRounds].filter(([key]) => !sentRounds.has(key)).map(([, userId]) => userId));
  const answeredAfter: Record<string, number> = {};
  for (const a of facts.answered) answeredAfter[a.afterRound ?? 'none'] = (answeredAfter[a.afterRound ?? 'none'] ?? 0) + 1;
  const skipped: Record<string, number> = {};
  const tasks = { closed: 0, refused: 0, failed: 0 };
  for (const s of facts.skips) {
    const task = TASK_REASONS[s.reason];
    if (task) tasks[task] += 1;
    else skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  }
  return {
    reminderId: facts.reminderId, ...(facts.type ? { type: facts.type } : {}), ...(facts.title ? { title: facts.title } : {}), ...(facts.due ? { due: facts.due } : {}),
    asked: asked.size, messages: sorted(messages), answeredAfter: sorted(answeredAfter), answered: facts.answered.length, pending: facts.pending.length,
    skipped, failed: failed.size, tasks,
  };
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a === 'none' ? -2e6 : roundRank(a)) - (b === 'none' ? -2e6 : roundRank(b))));
}
