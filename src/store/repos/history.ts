import type { NotificationType } from '../../domain.js';

/** What was delivered to whom, as `history` reads it, and the pruning of old bodies. */
export type HistoryStatus = 'delivered' | 'failed' | 'skipped' | 'deferred' | 'in-flight' | 'recalled' | 'withdrawn';

export interface HistoryQuery {
  userId?: string; reminderId?: string; type?: NotificationType;
  since?: number; until?: number; status?: HistoryStatus; limit?: number;
}

export interface HistoryRow {
  at: number; reminderId: string; type?: NotificationType; userId: string; userName?: string;
  /** A follow-up (`d<N>`) or the manager's escalation (`manager`); absent for the first message. */
  round?: string;
  roomId?: number; status: HistoryStatus; messageId?: string; reason?: string;
  /** A held (deferred) delivery: when it is to go out, at the send window's opening. */
  until?: number;
}

export interface HistoryRepo {
  /** Newest first. */
  query(query: HistoryQuery): AsyncIterable<HistoryRow>;
  /** Drops bodies and details of deliveries older than `before`; every (reminder, user) key stays. */
  prune(before: number, options: { dryRun: boolean }): Promise<{ deliveries: number }>;
}
