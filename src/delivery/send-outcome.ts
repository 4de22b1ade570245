import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Message as CatalogMessage } from '../errors/index.js';
import type { Clock } from '../io/clock.js';
import type { DeliveryLedger } from '../store/store.js';
import type { Delivery } from './plan.js';

/** What sending is given, what each delivery ends in, and how often an unconfirmed post is tried. */

export type Outcome =
  /** messageId: the message's id, or a task delivery's task ids joined by commas. */
  | { kind: 'delivered'; delivery: Delivery; messageId: string; how: 'posted' | 'reconciled' }
  | { kind: 'failed'; delivery: Delivery; reason: string; message?: CatalogMessage }
  | { kind: 'pending'; delivery: Delivery; reason: 'stopped' | 'window-closed' };

export interface SendOptions {
  api: ChatworkApi;
  ledger: DeliveryLedger;
  clock: Clock;
  /** The Chatwork account this run posts as: from /me at the start of the run, never from settings or a dump. */
  ownAccountId: number;
  /** The run lock's generation: every intent carries it, and is refused once another run holds the lock. */
  generation?: number;
  concurrency?: number;
  onOutcome?(outcome: Outcome): void;
  /** Checked before each delivery: Ctrl-C stops cleanly, the rest left pending. */
  shouldStop?(): boolean;
  /** Checked before each delivery: true holds it back (its send window has closed). */
  hold?(delivery: Delivery): boolean;
  log?(line: string): void;
}

export const AMBIGUOUS_ATTEMPTS = 3;
