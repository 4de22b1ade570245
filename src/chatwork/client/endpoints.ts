import { AmbiguousRequestError, ApiError, InterruptedError } from '../../errors/index.js';
import { RateLimiter } from '../rate-limiter.js';
import { DEFAULT_RETRY } from '../retry.js';
import type { Contact, IncomingRequest, Me, Member, Message, Room, Task } from '../types.js';
import { bodyJson } from './answers.js';
import type { ChatworkApi, ChatworkApiOptions, ClientStats } from './api.js';
import { directChats } from './contacts.js';
import { createSend } from './request-loop.js';

/** Each endpoint of the Chatwork API as one request of the loop, and what its answer is read as. */
export function createChatworkApi(options: ChatworkApiOptions): ChatworkApi {
  const { apiUrl, tokens, clock } = options;
  const limiter = options.limiter ?? new RateLimiter(clock);
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.log ?? (() => {});
  const stats: ClientStats = { requests: 0, status429: 0, retries: 0, refreshes: 0 };
  const writeGuard: { check?: () => Promise<void> } = {};
  const send = createSend({ ...options, limiter, retry, log, stats, writeGuard });

  async function getJson<T>(path: string): Promise<T> {
    const response = await send('GET', path);
    return bodyJson(apiUrl, path, response) as T;
  }

  /** Chatwork answers 204 with no body where a list is empty. */
  async function getList<T>(path: string): Promise<T[]> {
    const response = await send('GET', path);
    if (response.statusCode === 204 || response.body.trim() === '') return [];
    return bodyJson(apiUrl, path, response) as T[];
  }

  return {
    stats,
    guardWrites(check) { writeGuard.check = check; },
    me: () => getJson<Me>('/me'),
    contacts: () => getList<Contact>('/contacts'),
    directChats: () => directChats(send, apiUrl),
    rooms: () => getList<Room>('/rooms'),
    room: (roomId) => getJson<Room>(`/rooms/${roomId}`),
    members: (roomId) => getList<Member>(`/rooms/${roomId}/members`),
    messages: (roomId) => getList<Message>(`/rooms/${roomId}/messages?force=1`),
    async postMessage(roomId, body, postOptions = {}) {
      const form = { body, self_unread: postOptions.selfUnread ? '1' : '0' };
      const path = `/rooms/${roomId}/messages`;
      const response = await send('POST', path, form, roomId);
      try {
        return bodyJson(apiUrl, path, response) as { message_id: string };
      } catch (error) {
        // Stored, most likely, but the answer was cut: only the delivery layer may decide.
        throw new AmbiguousRequestError(path, error);
      }
    },
    async message(roomId, messageId) {
      try {
        return await getJson<Message>(`/rooms/${roomId}/messages/${messageId}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      }
    },
    async deleteMessage(roomId, messageId) {
      try {
        await send('DELETE', `/rooms/${roomId}/messages/${messageId}`, undefined, roomId);
        return 'deleted';
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return 'gone';
        throw error;
      }
    },
    async postTask(roomId, body, toIds, limit) {
      const form: Record<string, string> = { body, to_ids: toIds.join(',') };
      if (limit !== undefined) Object.assign(form, { limit: String(limit), limit_type: 'date' });
      const path = `/rooms/${roomId}/tasks`;
      const response = await send('POST', path, form, roomId);
      let answer: { task_ids?: unknown };
      try {
        answer = bodyJson(apiUrl, path, response) as { task_ids?: unknown };
      } catch (error) {
        throw new AmbiguousRequestError(path, error);
      }
      // Documented as numbers; strings are taken too (UNVERIFIED which one Chatwork sends).
      if (!Array.isArray(answer.task_ids)) throw new AmbiguousRequestError(path, new Error('no task_ids in the answer'));
      return answer.task_ids.map(String);
    },
    tasks(roomId, filter = {}) {
      const query = new URLSearchParams();
      if (filter.account !== undefined) query.set('account_id', String(filter.account));
      if (filter.assignedBy !== undefined) query.set('assigned_by_account_id', String(filter.assignedBy));
      if (filter.status) query.set('status', filter.status);
      const text = query.toString();
      return getList<Task>(`/rooms/${roomId}/tasks${text ? `?${text}` : ''}`);
    },
    async setTaskStatus(roomId, taskId, status) {
      await send('PUT', `/rooms/${roomId}/tasks/${taskId}/status`, { body: status });
    },
    incomingRequests: () => getList<IncomingRequest>('/incoming_requests'),
    async approveRequest(requestId) {
      const response = await send('PUT', `/incoming_requests/${requestId}`);
      return JSON.parse(response.body) as Contact;
    },
    async declineRequest(requestId) {
      await send('DELETE', `/incoming_requests/${requestId}`);
    },
    rateLimit: () => limiter.snapshot(),
    onRateLimitWait: (listener) => { limiter.onWait = listener; },
    stop: () => limiter.stop(new InterruptedError()),
    clockSkewMs: () => limiter.observedSkewMs,
    async refreshNow() {
      await tokens.refreshNow?.();
      stats.refreshes += 1;
    },
  };
}
