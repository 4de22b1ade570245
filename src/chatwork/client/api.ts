import type { Clock } from '../../io/clock.js';
import type { RateLimiter, WaitEpisode } from '../rate-limiter.js';
import type { RetryPolicy } from '../retry.js';
import type { Contact, DirectChat, IncomingRequest, Me, Member, Message, RateLimitSnapshot, Room, Task } from '../types.js';

/** What the Chatwork client offers its callers, and what it is built from. */

interface AccessTokenSource {
  accessToken(): Promise<string>;
  afterRejection(rejectedToken: string): Promise<string>;
  /** A refresh now, whatever the expiry: proves the refresh token still works. */
  refreshNow?(): Promise<void>;
}

export interface ClientStats { requests: number; status429: number; retries: number; refreshes: number }

export interface ChatworkApi {
  me(): Promise<Me>;
  contacts(): Promise<Contact[]>;
  /**
   * The contacts' direct chats by account id: the same list as contacts(), compacted as it is
   * parsed, so that 50,000 contacts never stand in memory whole (send-reminders needs no more).
   */
  directChats(): Promise<Map<number, DirectChat>>;
  rooms(): Promise<Room[]>;
  room(roomId: number): Promise<Room>;
  members(roomId: number): Promise<Member[]>;
  /** The room's latest messages (up to 100), with force=1 so the answer does not depend on earlier reads. */
  messages(roomId: number): Promise<Message[]>;
  postMessage(roomId: number, body: string, options?: { selfUnread?: boolean }): Promise<{ message_id: string }>;
  /** One message, or undefined when it is not there (deleted, or never stored). */
  message(roomId: number, messageId: string): Promise<Message | undefined>;
  /**
   * Deletes one of the account's own messages, paced as a post in that room. 'gone' when
   * Chatwork no longer has it (deleted already, by us or by a person).
   */
  deleteMessage(roomId: number, messageId: string): Promise<'deleted' | 'gone'>;
  /** One task per assignee; `limit` in Unix seconds makes it a deadline of limit_type=date. Paced as a post. */
  postTask(roomId: number, body: string, toIds: number[], limit?: number): Promise<string[]>;
  /** The room's tasks (at most 100), filtered as Chatwork allows. */
  tasks(roomId: number, filter?: { assignedBy?: number; account?: number; status?: 'open' | 'done' }): Promise<Task[]>;
  /** Chatwork's API cannot delete a task: it can mark it done (or open again). */
  setTaskStatus(roomId: number, taskId: string, status: 'done' | 'open'): Promise<void>;
  /** Contact requests people sent to the account (at most 100, Chatwork does not page them). */
  incomingRequests(): Promise<IncomingRequest[]>;
  /** Approves one: the person becomes a contact, with a direct chat room. */
  approveRequest(requestId: number): Promise<Contact>;
  declineRequest(requestId: number): Promise<void>;
  rateLimit(): RateLimitSnapshot;
  /** Called when a wait episode for the rate limit (the whole budget or a room's) starts or reaches further. */
  onRateLimitWait(listener: (waitMs: number, episode: WaitEpisode) => void): void;
  /** Server clock minus ours, from the last Date header; undefined before any answer. */
  clockSkewMs(): number | undefined;
  refreshNow(): Promise<void>;
  /**
   * SIGTERM / Ctrl-C: a request already on the wire finishes; every wait (rate limit,
   * backoff) and every later request ends at once with InterruptedError.
   */
  stop(): void;
  /**
   * Fencing: `check` runs right before every write (POST, PUT, DELETE) leaves, each attempt,
   * and stops it by throwing (a run that lost its lock). Undefined removes it.
   */
  guardWrites(check: (() => Promise<void>) | undefined): void;
  readonly stats: ClientStats;
}

export interface ChatworkApiOptions {
  apiUrl: string;
  tokens: AccessTokenSource;
  clock: Clock;
  limiter?: RateLimiter;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** A write's timeout (default timeoutMs): the POST timeout fencing counts on. */
  writeTimeoutMs?: number;
  log?: (line: string) => void;
  random?: () => number;
}
