import type { Message } from '../chatwork/wire.js';
import type { AccountWindows, RoomPostWindows } from '../limits.js';
import type { SandboxRoom, SandboxState } from '../model/state.js';

/** What a test can make the API do wrong, on purpose. */
export interface Faults {
  /** Share of API requests answered 500 before anything is done. */
  serverErrorRate: number;
  /** Share of requests whose connection is dropped before the request is processed. */
  dropBeforeRate: number;
  /** Share of requests whose connection is dropped after processing (a POST's message is stored). */
  dropAfterRate: number;
  latencyMs: number;
  /** Only the writes that deliver or recall (message and task POSTs, message DELETEs) are affected when true. */
  postsOnly: boolean;
  /** "METHOD /path-prefix": the next requests that match are done, then answered 500 (a change made, an answer lost). */
  failAfter?: string;
  failAfterCount?: number;
  /**
   * Refuse (403) marking done a task the account itself assigned: whether Chatwork lets the
   * assigner close an assignee's task is unverified, so the product must cope with a refusal.
   */
  refuseOwnTaskClose?: boolean;
}

export const NO_FAULTS: Faults = { serverErrorRate: 0, dropBeforeRate: 0, dropAfterRate: 0, latencyMs: 0, postsOnly: false };

export interface ApiStats {
  requests: number;
  status429: number;
  roomPost429: number;
  posts: number;
  /** Task POSTs answered, tasks they created (one per assignee), messages deleted. */
  taskPosts: number;
  tasksCreated: number;
  deletes: number;
  /** Task status changes answered (PUT …/status), and those refused by refuseOwnTaskClose. */
  taskStatusChanges?: number;
  taskCloseRefused?: number;
  faults: { serverError: number; dropBefore: number; dropAfter: number };
  byToken: Map<string, number>;
  /** Epoch ms of the first and the latest API request, for benchmarks. */
  firstRequestAt?: number;
  lastRequestAt?: number;
}

export function newStats(): ApiStats {
  return { requests: 0, status429: 0, roomPost429: 0, posts: 0, taskPosts: 0, tasksCreated: 0, deletes: 0, faults: { serverError: 0, dropBefore: 0, dropAfter: 0 }, byToken: new Map() };
}

/** Everything an API request is answered from: the state, the time, the limits, the faults. */
export interface ApiContext {
  state: SandboxState;
  now(): number;
  /** Waits out an injected latency. */
  sleep(ms: number): Promise<void>;
  windows: AccountWindows;
  roomPosts: RoomPostWindows;
  faults: Faults;
  random(): number;
  stats: ApiStats;
  onMessage(room: SandboxRoom, message: Message): void;
  /** A task POST created these tasks (one per assignee) under one message id. */
  onTasks(room: SandboxRoom, messageId: string, taskIds: number[]): void;
  /** account id:room id → index of the last message read without force. */
  readMarks: Map<string, number>;
}

/** An endpoint's answer, before the rate-limit headers and the faults are applied. */
export class Reply {
  constructor(readonly status: number, readonly body?: unknown, readonly headers: Record<string, string> = {}) {}
}

export const errors = (status: number, ...messages: string[]) => new Reply(status, { errors: messages });
