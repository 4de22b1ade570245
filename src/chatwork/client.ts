import got, { ReadError, RequestError, type Response, type StreamOptions } from 'got';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, TruncatedResponseError } from '../errors.js';
import type { Clock } from '../io/clock.js';
import { jsonArrayStream } from '../io/json-array.js';
import { RateLimiter } from './rate-limiter.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { Contact, DirectChat, IncomingRequest, Me, Member, Message, RateLimitSnapshot, Room, Task, TokenResponse } from './types.js';

/** This module is the only one that imports got: every byte to or from Chatwork passes here. */

export interface AccessTokenSource {
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
  /** Called before each wait for the rate limit (the whole budget or a room's), with its length. */
  onRateLimitWait(listener: (waitMs: number) => void): void;
  /** Server clock minus ours, from the last Date header; undefined before any answer. */
  clockSkewMs(): number | undefined;
  refreshNow(): Promise<void>;
  /**
   * SIGTERM / Ctrl-C: a request already on the wire finishes; every wait (rate limit,
   * backoff) and every later request ends at once with InterruptedError.
   */
  stop(): void;
  readonly stats: ClientStats;
}

export interface ChatworkApiOptions {
  apiUrl: string;
  tokens: AccessTokenSource;
  clock: Clock;
  limiter?: RateLimiter;
  retry?: RetryPolicy;
  timeoutMs?: number;
  log?: (line: string) => void;
  random?: () => number;
}

type Headers = Record<string, string | string[] | undefined>;
const MAX_RATE_LIMIT_WAITS = 100;
const PER_ROOM_429 = /per room/i;

export function createChatworkApi(options: ChatworkApiOptions): ChatworkApi {
  const { apiUrl, tokens, clock } = options;
  const limiter = options.limiter ?? new RateLimiter(clock);
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.log ?? (() => {});
  const stats: ClientStats = { requests: 0, status429: 0, retries: 0, refreshes: 0 };

  /**
   * `sink`: a 2xx body goes into a fresh sink (one per attempt) chunk by chunk as it arrives,
   * never held whole (a 50,000-contact list); the answer's body is then empty.
   */
  async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, form?: Record<string, string>, postRoom?: number, sink?: () => BodySink): Promise<Answer> {
    let attempt = 1;
    let rateLimitWaits = 0;
    let refreshed = false;
    let token = await tokens.accessToken();
    for (;;) {
      await limiter.acquire(postRoom);
      stats.requests += 1;
      let response: Answer;
      try {
        const request = {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          form,
          throwHttpErrors: false,
          followRedirect: false,
          retry: { limit: 0 },
          timeout: { request: options.timeoutMs ?? 30_000 },
        } as const;
        response = sink ? await streamed(`${apiUrl}${path}`, request, sink) : await got(`${apiUrl}${path}`, request);
      } catch (error) {
        limiter.release();
        const sent = error instanceof RequestError && error.timings?.upload !== undefined;
        log(`${method} ${path} -> ${error instanceof RequestError ? error.code : 'error'}${sent ? ' (after sending)' : ''}`);
        // Only a GET is safe to repeat: a POST, PUT or DELETE that left may have been done.
        if (method !== 'GET' && sent) throw new AmbiguousRequestError(path, error);
        if (attempt >= retry.attempts) throw networkError(apiUrl, error);
        await clock.sleep(backoffMs(attempt++, retry, options.random), limiter.stopped);
        stats.retries += 1;
        continue;
      }
      limiter.release(response.headers as Headers);
      log(describe(method, path, response, limiter.snapshot(), clock.now()));
      const status = response.statusCode;
      if (status === 429) {
        stats.status429 += 1;
        if (++rateLimitWaits > MAX_RATE_LIMIT_WAITS) throw apiError(method, path, response);
        const perRoom = postRoom !== undefined && PER_ROOM_429.test(response.body);
        const waitMs = perRoom ? limiter.blockRoom(postRoom) : limiter.blockUntilReset(response.headers as Headers);
        log(`rate limited${perRoom ? ` in room ${postRoom}` : ''}: waiting ${Math.ceil(waitMs / 1000)} s`);
        continue;
      }
      if (status === 401) {
        if (refreshed) throw new AuthError('auth.tokenRejected', { detail: bearerError(response) }, { hint: { key: 'auth.hint.login' } });
        refreshed = true;
        stats.refreshes += 1;
        token = await tokens.afterRejection(token);
        continue;
      }
      if (status >= 500) {
        // A 5xx to a POST (or an approval) may have come after the change was made: not ours to retry.
        if (method !== 'GET') throw new AmbiguousRequestError(path, apiError(method, path, response));
        if (attempt >= retry.attempts) throw apiError(method, path, response);
        await clock.sleep(backoffMs(attempt++, retry, options.random), limiter.stopped);
        stats.retries += 1;
        continue;
      }
      if (status >= 400) throw apiError(method, path, response);
      return response;
    }
  }

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
    me: () => getJson<Me>('/me'),
    contacts: () => getList<Contact>('/contacts'),
    async directChats() {
      const chats = new Map<number, DirectChat>();
      let sink: BodySink | undefined;
      // Each contact is cut down to its direct chat as its last byte arrives; the rest dies young.
      const response = await send('GET', '/contacts', undefined, undefined, () => {
        chats.clear();
        sink = contactSink((contact) => {
          const { account_id: accountId, room_id: roomId, name } = (contact ?? {}) as Partial<Contact>;
          if (Number.isSafeInteger(accountId) && Number.isSafeInteger(roomId)) chats.set(accountId!, { roomId: roomId!, name: typeof name === 'string' ? name : '' });
        });
        return sink;
      });
      if (response.statusCode === 204 || sink?.empty) return chats;
      if (!sink?.complete()) throw new TruncatedResponseError(`${apiUrl}/contacts`);
      return chats;
    },
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

export interface OAuthClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret(): Promise<string>;
  clock: Clock;
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

export interface OAuthClient {
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenResponse>;
  refresh(refreshToken: string): Promise<TokenResponse>;
}

/** The token endpoint: HTTP Basic client authentication, form body, RFC 6749 error bodies. */
export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const retry = options.retry ?? { ...DEFAULT_RETRY, attempts: 3 };
  const log = options.log ?? (() => {});
  async function post(form: Record<string, string>): Promise<TokenResponse> {
    const basic = Buffer.from(`${options.clientId}:${await options.clientSecret()}`).toString('base64');
    for (let attempt = 1; ; attempt++) {
      let response: Response<string>;
      try {
        response = await got.post(options.tokenUrl, {
          form,
          headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
          throwHttpErrors: false,
          retry: { limit: 0 },
          timeout: { request: 30_000 },
        });
      } catch (error) {
        log(`POST token (${form.grant_type}) -> ${error instanceof RequestError ? error.code : 'error'}`);
        if (attempt >= retry.attempts) throw networkError(options.tokenUrl, error);
        await options.clock.sleep(backoffMs(attempt, retry));
        continue;
      }
      log(`POST token (${form.grant_type}) -> ${response.statusCode}`);
      if (response.statusCode >= 500 && attempt < retry.attempts) {
        await options.clock.sleep(backoffMs(attempt, retry));
        continue;
      }
      const body = parseJson(response.body) as Partial<TokenResponse> & { error?: string; error_description?: string };
      if (response.statusCode === 200 && body === undefined) throw new TruncatedResponseError(options.tokenUrl);
      if (response.statusCode === 200 && typeof body?.access_token === 'string') return body as TokenResponse;
      const detail = [body?.error, body?.error_description].filter(Boolean).join(': ') || `HTTP ${response.statusCode}`;
      if (body?.error === 'invalid_grant') {
        throw form.grant_type === 'authorization_code'
          ? new AuthError('login.codeRejected', { detail })
          : new AuthError('auth.refreshRejected', { detail }, { hint: { key: 'auth.hint.login' } });
      }
      if (body?.error === 'invalid_client' || response.statusCode === 401) {
        throw new AuthError('oauth.invalidClient', { detail }, { hint: { key: 'auth.hint.login' } });
      }
      throw new CliError('oauth.error', { status: response.statusCode, detail });
    }
  }
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier }) => post({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier,
    }),
    refresh: (refreshToken) => post({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

/** What the client reads of an answer, whether got buffered it or it was streamed. */
type Answer = Pick<Response<string>, 'statusCode' | 'headers' | 'body'>;

interface BodySink { push(chunk: Uint8Array): void; complete(): boolean; readonly empty: boolean }

/** A 2xx answer's body goes into a fresh sink as it arrives; any other answer is read whole, for its error. */
async function streamed(url: string, request: StreamOptions, sink: () => BodySink): Promise<Answer> {
  const stream = got.stream(url, request);
  const response = await new Promise<{ statusCode: number; headers: Response['headers'] }>((resolve, reject) => {
    stream.once('response', resolve).once('error', reject);
  });
  const into = response.statusCode >= 200 && response.statusCode < 300 ? sink() : undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    if (into) into.push(chunk as Buffer);
    else chunks.push(chunk as Buffer);
  }
  return { statusCode: response.statusCode, headers: response.headers, body: into ? '' : Buffer.concat(chunks).toString('utf8') };
}

/** A JSON array of contacts, element by element; not complete when cut short, malformed or not an array. */
function contactSink(onContact: (contact: unknown) => void): BodySink {
  let malformed = false;
  let empty = true;
  const array = jsonArrayStream((contact) => onContact(contact));
  return {
    push(chunk) {
      if (malformed) return;
      if (empty && chunk.some((byte) => byte > 32)) empty = false;
      try {
        array.push(chunk);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        malformed = true;
      }
    },
    complete: () => !malformed && array.end(),
    get empty() { return empty; },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 2xx answer whose body does not parse was cut short on the way (or is not Chatwork's). */
function bodyJson(apiUrl: string, path: string, response: { body: string }): unknown {
  try {
    return JSON.parse(response.body);
  } catch (error) {
    throw new TruncatedResponseError(`${apiUrl}${path.replace(/\?.*$/, '')}`, error);
  }
}

function apiError(method: string, path: string, response: Answer): ApiError {
  const body = parseJson(response.body) as { errors?: unknown } | undefined;
  const messages = Array.isArray(body?.errors) ? body.errors.map(String) : [];
  return new ApiError(response.statusCode, method, path.replace(/\?.*$/, ''), messages);
}

function bearerError(response: Answer): string {
  const header = response.headers['www-authenticate'];
  const match = /error_description="([^"]*)"/.exec(String(header ?? '')) ?? /error="([^"]*)"/.exec(String(header ?? ''));
  return match?.[1] ?? `HTTP ${response.statusCode}`;
}

function networkError(url: string, error: unknown): CliError {
  if (error instanceof ReadError) return new TruncatedResponseError(new URL(url).origin, error);
  const code = error instanceof RequestError ? error.code : undefined;
  const origin = new URL(url).origin;
  // The usual causes in words; anything else keeps its code for support to look up.
  if (code === 'ECONNREFUSED') return new CliError('api.refused', { url: origin }, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError('api.dns', { url: origin }, { cause: error });
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET') return new CliError('api.timedOut', { url: origin }, { cause: error });
  const detail = error instanceof RequestError ? `${error.code}: ${error.message}` : String(error);
  return new CliError('api.network', { url: origin, detail }, { cause: error });
}

function describe(method: string, path: string, response: Answer, limit: RateLimitSnapshot, now: number): string {
  const budget = limit.remaining !== undefined && limit.limit !== undefined
    ? ` (budget ${limit.remaining}/${limit.limit}${limit.resetAt ? `, reset in ${Math.max(0, Math.ceil((limit.resetAt - now) / 1000))} s` : ''})`
    : '';
  return `${method} ${path} -> ${response.statusCode}${budget}`;
}
