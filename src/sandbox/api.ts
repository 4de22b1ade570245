import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Member, Message, Room } from './chatwork/wire.js';
import { expandScopes } from './chatwork/scopes.js';
import { formOf, readBody, sendJson } from './http.js';
import type { AccountWindows, RoomPostWindows } from './limits.js';
import { toContact, type SandboxRoom, type SandboxState } from './model.js';
import { routeRequests } from './requests-api.js';
import { routeRoomItems } from './tasks-api.js';

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
  faults: { serverError: number; dropBefore: number; dropAfter: number };
  byToken: Map<string, number>;
  /** Epoch ms of the first and the latest API request, for benchmarks. */
  firstRequestAt?: number;
  lastRequestAt?: number;
}

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
  /** account id:room id → index of the last message read without force. */
  readMarks: Map<string, number>;
}

export class Reply {
  constructor(readonly status: number, readonly body?: unknown, readonly headers: Record<string, string> = {}) {}
}

export const errors = (status: number, ...messages: string[]) => new Reply(status, { errors: messages });

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/^\/v2/, '');
  // "Posts" are the writes that deliver or recall: a message or task POST, a message DELETE.
  const isPost = (req.method === 'POST' && /^\/rooms\/\d+\/(messages|tasks)$/.test(path))
    || (req.method === 'DELETE' && /^\/rooms\/\d+\/messages\/\d+$/.test(path));
  const faulty = !ctx.faults.postsOnly || isPost;
  if (faulty && ctx.faults.latencyMs > 0) await ctx.sleep(ctx.faults.latencyMs);
  if (faulty && ctx.random() < ctx.faults.dropBeforeRate) {
    ctx.stats.faults.dropBefore += 1;
    await readBody(req).catch(() => '');
    req.socket.destroy();
    return;
  }
  if (faulty && ctx.random() < ctx.faults.serverErrorRate) {
    ctx.stats.faults.serverError += 1;
    return sendJson(res, 500, { errors: ['Internal Server Error'] });
  }
  const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : '';
  ctx.stats.requests += 1;
  ctx.stats.firstRequestAt ??= ctx.now();
  ctx.stats.lastRequestAt = ctx.now();
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  const access = ctx.state.accessTokens.get(token);
  ctx.stats.byToken.set(token, (ctx.stats.byToken.get(token) ?? 0) + 1);
  const window = ctx.windows.take(access?.accountId ?? 0);
  const rateHeaders = {
    'x-ratelimit-limit': String(window.state.limit),
    'x-ratelimit-remaining': String(Math.max(0, window.state.remaining)),
    'x-ratelimit-reset': String(window.state.resetSeconds),
    date: new Date(ctx.now()).toUTCString(),
  };
  let reply: Reply;
  if (!access || access.expiresAt <= ctx.now()) {
    const description = access ? 'The access token expired' : 'Invalid access token';
    reply = new Reply(401, { errors: ['Invalid API token'] }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });
  } else if (!window.allowed) {
    ctx.stats.status429 += 1;
    reply = errors(429, 'Rate limit exceeded.');
  } else {
    reply = route(ctx, req.method ?? 'GET', path, url.searchParams, formOf(req, body), access.accountId, expandScopes(access.scopes));
  }
  if (reply.status < 300 && ctx.faults.failAfterCount && `${req.method} ${path}`.startsWith(ctx.faults.failAfter ?? '\0')) {
    ctx.faults.failAfterCount -= 1;
    ctx.stats.faults.serverError += 1;
    return sendJson(res, 500, { errors: ['Internal Server Error'] }, rateHeaders);
  }
  if (faulty && ctx.random() < ctx.faults.dropAfterRate) {
    ctx.stats.faults.dropAfter += 1;
    req.socket.destroy();
    return;
  }
  if (reply.status === 204) {
    res.writeHead(204, { ...rateHeaders, ...reply.headers });
    return void res.end();
  }
  sendJson(res, reply.status, reply.body, { ...rateHeaders, ...reply.headers });
}

function route(ctx: ApiContext, method: string, path: string, query: URLSearchParams, form: URLSearchParams, accountId: number, scopes: Set<string>): Reply {
  const need = (scope: string) => scopes.has(scope);
  const { state } = ctx;
  const me = state.accounts.get(accountId)!;
  if (method === 'GET' && path === '/me') {
    if (!need('users.profile.me:read')) return errors(403, 'Insufficient scope: users.profile.me:read');
    return new Reply(200, me);
  }
  if (method === 'GET' && path === '/contacts') {
    if (!need('contacts.all:read')) return errors(403, 'Insufficient scope: contacts.all:read');
    const contacts = [...(state.contacts.get(accountId) ?? [])].map((id) => toContact(state, accountId, state.accounts.get(id)!));
    return contacts.length ? new Reply(200, contacts) : new Reply(204);
  }
  if (method === 'GET' && path === '/rooms') {
    if (!need('rooms.info:read')) return errors(403, 'Insufficient scope: rooms.info:read');
    const rooms = [...state.rooms.values()].filter((room) => room.members.has(accountId)).map((room) => toRoom(state, room, accountId));
    return new Reply(200, rooms);
  }
  if (path.startsWith('/incoming_requests')) return routeRequests(state, method, path, accountId, scopes);
  const item = /^\/rooms\/(\d+)(\/messages\/\d+|\/tasks|\/tasks\/\d+\/status)$/.exec(path);
  if (item) {
    const room = state.rooms.get(Number(item[1]));
    if (!room || !room.members.has(accountId)) return errors(404, 'Room not found');
    return routeRoomItems(ctx, method, room, item[2]!, query, form, accountId, need) ?? errors(404, 'Invalid Endpoint or HTTP method');
  }
  const match = /^\/rooms\/(\d+)(\/members|\/messages)?$/.exec(path);
  if (!match) return errors(404, 'Invalid Endpoint or HTTP method');
  const room = state.rooms.get(Number(match[1]));
  if (!room || !room.members.has(accountId)) return errors(404, 'Room not found');
  if (method === 'GET' && match[2] === undefined) {
    if (!need('rooms.info:read')) return errors(403, 'Insufficient scope: rooms.info:read');
    return new Reply(200, { ...toRoom(state, room, accountId), description: room.description });
  }
  if (method === 'GET' && match[2] === '/members') {
    if (!need('rooms.members:read')) return errors(403, 'Insufficient scope: rooms.members:read');
    const members: Member[] = [...room.members].map(([id, role]) => {
      const account = state.accounts.get(id)!;
      return {
        account_id: id, role, name: account.name, chatwork_id: account.chatwork_id, organization_id: account.organization_id,
        organization_name: account.organization_name, department: account.department,
      };
    });
    return new Reply(200, members);
  }
  if (method === 'GET' && match[2] === '/messages') {
    if (!need('rooms.messages:read')) return errors(403, 'Insufficient scope: rooms.messages:read');
    const markKey = `${accountId}:${room.room_id}`;
    const from = query.get('force') === '1' ? Math.max(0, room.messages.length - 100) : (ctx.readMarks.get(markKey) ?? Math.max(0, room.messages.length - 100));
    ctx.readMarks.set(markKey, room.messages.length);
    const messages = room.messages.slice(from).slice(-100);
    return messages.length ? new Reply(200, messages) : new Reply(204);
  }
  if (method === 'POST' && match[2] === '/messages') {
    if (!need('rooms.messages:write')) return errors(403, 'Insufficient scope: rooms.messages:write');
    // Parameters in the query string are ignored since 2025-07-03: only the form body counts.
    const text = form.get('body');
    if (text === null || text === '') return errors(400, "Parameter 'body' is required");
    if (text.length > 65_535) return errors(400, "Parameter 'body' must be at most 65535 characters");
    if (room.members.get(accountId) === 'readonly') return errors(403, "You don't have permission to send messages in this room");
    if (!ctx.roomPosts.take(room.room_id)) {
      ctx.stats.status429 += 1;
      ctx.stats.roomPost429 += 1;
      return errors(429, 'Rate limit for message posting per room exceeded.');
    }
    const now = Math.floor(ctx.now() / 1000);
    const message: Message = {
      message_id: String(state.nextMessageId++),
      account: { account_id: me.account_id, name: me.name, avatar_image_url: `https://appdata.chatwork.com/avatar/${me.account_id}.png` },
      body: text, send_time: now, update_time: 0,
    };
    room.messages.push(message);
    ctx.stats.posts += 1;
    ctx.onMessage(room, message);
    return new Reply(200, { message_id: message.message_id });
  }
  return errors(404, 'Invalid Endpoint or HTTP method');
}

function toRoom(state: SandboxState, room: SandboxRoom, viewer: number): Room {
  let name = room.name;
  if (room.type === 'direct') {
    const other = [...room.members.keys()].find((id) => id !== viewer);
    name = state.accounts.get(other ?? viewer)?.name ?? '';
  }
  const last = room.messages.at(-1);
  return {
    room_id: room.room_id, name, type: room.type, role: room.members.get(viewer)!, sticky: false,
    last_update_time: last?.send_time ?? 0,
  };
}
