import type { ChatworkApi, ClientStats } from '../../src/chatwork/client/index.js';
import type { Contact, Message, Task } from '../../src/chatwork/types.js';
import { AmbiguousRequestError } from '../../src/errors/index.js';
import type { Clock } from '../../src/io/clock.js';
import { directChatsOf } from './direct-chats.js';

/** What the next POST does instead of simply storing the message and answering. */
type PostFault =
  /** The message is stored, the answer is lost: the client cannot tell. */
  | 'stored-no-answer'
  /** The request never reached the server: nothing stored, and no answer. */
  | 'lost-no-answer'
  /** An error thrown as is (an ApiError, an AuthError, an InterruptedError...). */
  | Error;

/**
 * The ChatworkApi the delivery code uses, in memory: rooms with their messages, no HTTP.
 * Chatwork stores a body with CRLF as LF and trimmed; so does this.
 */
export interface FakeChatwork extends ChatworkApi {
  readonly ownAccountId: number;
  /** Every message of a room, oldest first. */
  messagesIn(roomId: number): Message[];
  /** Puts a message in a room as if posted earlier (by us, or by someone else). */
  seed(roomId: number, body: string, options?: { accountId?: number; sendTime?: number }): Message;
  /** Faults for the next POSTs, in order. */
  postFaults: PostFault[];
  /** Reading a room fails (an error thrown) this many times. */
  failReads: number;
  /** A read failure other than the default. */
  readError?: Error;
  posts: { roomId: number; body: string }[];
  reads: number[];
  /** Every task of a room, oldest first (one per assignee of each POST). */
  tasksIn(roomId: number): Task[];
  /** Reading a room's tasks fails (an error thrown) this many times. */
  failTaskReads: number;
  /** Lists every task of the room whatever the filter, as a server that ignored it would. */
  ignoreTaskFilter: boolean;
  /** Puts a task in a room as if assigned earlier (by us, or by someone else). */
  seedTask(roomId: number, body: string, assignee: number, options?: { assignedBy?: number }): Task;
  contactsList: Contact[];
}

export function createFakeChatwork(clock: Clock, options: { ownAccountId?: number; contacts?: Contact[] } = {}): FakeChatwork {
  const ownAccountId = options.ownAccountId ?? 1000;
  const rooms = new Map<number, Message[]>();
  let nextId = 1;
  const stats: ClientStats = { requests: 0, status429: 0, retries: 0, refreshes: 0 };
  const store = (roomId: number, body: string, accountId: number, sendTime: number): Message => {
    const message: Message = {
      message_id: String(nextId++), account: { account_id: accountId, name: accountId === ownAccountId ? 'Bot' : 'Someone' },
      body: body.replace(/\r\n/g, '\n').trim(), send_time: sendTime, update_time: 0,
    };
    rooms.set(roomId, [...(rooms.get(roomId) ?? []), message]);
    return message;
  };
  const unsupported = (): never => { throw new Error('not used by the delivery code'); };
  const tasks = new Map<number, Task[]>();
  let nextTaskId = 9001;
  const storeTask = (roomId: number, body: string, accountId: number, assignedBy: number, limit?: number): Task => {
    const task: Task = {
      task_id: nextTaskId++, account: { account_id: accountId, name: `p${accountId}` }, assigned_by_account: { account_id: assignedBy, name: assignedBy === ownAccountId ? 'Bot' : 'Someone' },
      message_id: String(nextId++), body: body.replace(/\r\n/g, '\n').trim(), limit_time: limit ?? 0, status: 'open', limit_type: limit ? 'date' : 'none',
    };
    tasks.set(roomId, [...(tasks.get(roomId) ?? []), task]);
    return task;
  };
  const storeTasks = (roomId: number, body: string, toIds: number[], limit?: number) =>
    toIds.map((accountId) => String(storeTask(roomId, body, accountId, ownAccountId, limit).task_id));
  /** A POST with the next fault: lost before Chatwork, an error, or stored with the answer lost. */
  let guard: (() => Promise<void>) | undefined;
  const post = async <T>(roomId: number, body: string, what: 'messages' | 'tasks', stored: () => T): Promise<T> => {
    // As the real client: the write guard is asked before the request leaves.
    await guard?.();
    stats.requests += 1;
    fake.posts.push({ roomId, body });
    const fault = fake.postFaults.shift();
    const noAnswer = () => new AmbiguousRequestError(`/rooms/${roomId}/${what}`, new Error('socket hang up'));
    if (fault === 'lost-no-answer') throw noAnswer();
    if (fault instanceof Error) throw fault;
    const result = stored();
    if (fault === 'stored-no-answer') throw noAnswer();
    return result;
  };
  const fake: FakeChatwork = {
    ownAccountId,
    postFaults: [],
    failReads: 0,
    posts: [],
    reads: [],
    contactsList: options.contacts ?? [],
    stats,
    messagesIn: (roomId) => [...(rooms.get(roomId) ?? [])],
    seed: (roomId, body, seedOptions = {}) =>
      store(roomId, body, seedOptions.accountId ?? ownAccountId, seedOptions.sendTime ?? Math.floor(clock.now() / 1000)),
    async me() { return { account_id: ownAccountId, name: 'Bot', chatwork_id: 'bot', organization_id: 1, organization_name: 'Org' } as never; },
    async contacts() { return fake.contactsList; },
    async directChats() { return directChatsOf(fake.contactsList); },
    rooms: unsupported,
    room: unsupported,
    members: unsupported,
    async messages(roomId) {
      stats.requests += 1;
      fake.reads.push(roomId);
      if (fake.failReads > 0) {
        fake.failReads -= 1;
        throw fake.readError ?? new Error('the room could not be read');
      }
      return [...(rooms.get(roomId) ?? [])];
    },
    postMessage: (roomId, body) => post(roomId, body, 'messages',
      () => ({ message_id: store(roomId, body, ownAccountId, Math.floor(clock.now() / 1000)).message_id })),
    message: unsupported,
    deleteMessage: unsupported,
    tasksIn: (roomId) => [...(tasks.get(roomId) ?? [])],
    failTaskReads: 0,
    ignoreTaskFilter: false,
    seedTask: (roomId, body, assignee, seedOptions = {}) => storeTask(roomId, body, assignee, seedOptions.assignedBy ?? ownAccountId),
    postTask: (roomId, body, toIds, limit) => post(roomId, body, 'tasks', () => storeTasks(roomId, body, toIds, limit)),
    async tasks(roomId, filter = {}) {
      stats.requests += 1;
      if (fake.failTaskReads > 0) {
        fake.failTaskReads -= 1;
        throw fake.readError ?? new Error('the tasks could not be read');
      }
      if (fake.ignoreTaskFilter) return [...(tasks.get(roomId) ?? [])];
      return (tasks.get(roomId) ?? []).filter((t) => (filter.account === undefined || t.account.account_id === filter.account)
        && (filter.assignedBy === undefined || t.assigned_by_account.account_id === filter.assignedBy)).slice(-100);
    },
    setTaskStatus: unsupported,
    onRateLimitWait: () => {},
    incomingRequests: unsupported,
    approveRequest: unsupported,
    declineRequest: unsupported,
    rateLimit: () => ({ limit: 300, remaining: 300, resetAt: undefined, windowMs: undefined }),
    clockSkewMs: () => 0,
    refreshNow: async () => {},
    stop: () => {},
    guardWrites: (check) => { guard = check; },
  };
  return fake;
}
