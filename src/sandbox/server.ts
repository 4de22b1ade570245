import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, RoomRole, Task } from './chatwork/wire.js';
import { DEFAULT_SCOPES } from './chatwork/scopes.js';
import { handleApi, NO_FAULTS, type ApiContext, type Faults } from './api.js';
import { handleControl, newClientSecret } from './control.js';
import { sendHtml, sendJson, seededRandom } from './http.js';
import { AccountWindows, RoomPostWindows, type Limit } from './limits.js';
import { removeContact, sendContactRequest, type SandboxRoom, type SandboxState } from './model.js';
import { AUTHORIZE_PATH, handleAuthorize, handleToken, TOKEN_PATH, type OAuthSettings } from './oauth.js';
import { PAGE_HTML } from './page.js';
import { DEMO_CLIENT, seedState, type ExtraContact, type SeedName } from './seed.js';
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from './clock.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  seed?: SeedName;
  /** Contacts on top of the seed's, for scale and fault tests (test/generators/people.ts makes them). */
  contacts?: readonly ExtraContact[];
  rateLimit?: Limit;
  roomPostLimit?: Limit;
  accessTokenSeconds?: number;
  /** Seed for fault injection, so a failing run can be replayed. */
  randomSeed?: number;
  /** Its time and its waits (latency faults): a test injects one so that nothing races the real clock. */
  clock?: Clock;
}

export interface RoomView {
  room_id: number; name: string; type: string;
  members: { account_id: number; name: string; role: RoomRole }[];
  messages: Message[];
  tasks: Task[];
}

/** What tests and the /_sandbox/ endpoints can do to the emulated Chatwork. */
export interface SandboxControl {
  reset(): void;
  /** Counters and rate windows only, keeping every account, grant and message: for benchmarks. */
  resetCounters(): void;
  setFaults(faults: Partial<Faults>): void;
  setLimits(limits: { rateLimit?: Limit; roomPostLimit?: Limit }): void;
  registerClient(input: { name: string; redirectUris: string[]; allowHttp?: boolean }): { clientId: string; clientSecret: string };
  revokeGrants(clientId?: string): void;
  mintToken(scopes?: string[]): { accessToken: string; accountId: number };
  expireAccessTokens(): void;
  removeContact(accountId: number): void;
  setRole(roomId: number, role: RoomRole): void;
  /** A person joins (role) or leaves (undefined) a room, as done in Chatwork's member settings. */
  setMember(roomId: number, accountId: number, role: RoomRole | undefined): void;
  setClockOffset(offsetMs: number): void;
  /** A person (by account id or Chatwork ID) sends the notification account a contact request. */
  sendRequest(input: { accountId?: number; chatworkId?: string; message?: string }): { requestId: number; accountId: number };
  rooms(): RoomView[];
  stats(): Record<string, unknown>;
  subscribe(res: ServerResponse): void;
  readonly state: SandboxState;
}

export interface Sandbox {
  url: string;
  apiUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The env vars that point the CLI at this sandbox. */
  env: Record<string, string>;
  /** The OAuth client the seed registered; its secret is for the rehearsal only. */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  control: SandboxControl;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 'demo';
  const clientSecret = newClientSecret();
  let clockOffset = 0;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now() + clockOffset;
  let state = seedState(seed, clientSecret, options.contacts);
  const subscribers = new Set<ServerResponse>();
  const rateLimit = options.rateLimit ?? { count: 300, windowMs: 300_000 };
  const roomPostLimit = options.roomPostLimit ?? { count: 10, windowMs: 10_000 };
  const ctx: ApiContext = {
    state,
    now,
    sleep: (ms) => clock.sleep(ms),
    windows: new AccountWindows(rateLimit, now),
    roomPosts: new RoomPostWindows(roomPostLimit, now),
    faults: { ...NO_FAULTS },
    random: seededRandom(options.randomSeed ?? 1),
    stats: newStats(),
    readMarks: new Map(),
    onMessage: (room: SandboxRoom, message: Message) => {
      const data = `data: ${JSON.stringify({ room_id: room.room_id, message_id: message.message_id })}\n\n`;
      for (const res of subscribers) res.write(data);
    },
  };
  const oauth: OAuthSettings = { accessTokenSeconds: options.accessTokenSeconds ?? 1800, codeSeconds: 60, now };

  const control: SandboxControl = {
    get state() { return state; },
    reset() {
      state = seedState(seed, clientSecret, options.contacts);
      ctx.state = state;
      ctx.stats = newStats();
      ctx.windows.limit = rateLimit;
      ctx.windows.reset();
      ctx.roomPosts.limit = roomPostLimit;
      ctx.roomPosts.reset();
      ctx.readMarks.clear();
      clockOffset = 0;
      ctx.faults = { ...NO_FAULTS };
    },
    resetCounters() {
      ctx.stats = newStats();
      ctx.windows.reset();
      ctx.roomPosts.reset();
    },
    setFaults(faults) { ctx.faults = { ...ctx.faults, ...faults }; },
    setLimits({ rateLimit, roomPostLimit }) {
      if (rateLimit) { ctx.windows.limit = rateLimit; ctx.windows.reset(); }
      if (roomPostLimit) { ctx.roomPosts.limit = roomPostLimit; ctx.roomPosts.reset(); }
    },
    registerClient({ name, redirectUris, allowHttp }) {
      if (redirectUris.length < 1 || redirectUris.length > 5) throw new Error('a client has 1 to 5 redirect URIs');
      for (const uri of redirectUris) {
        // Confidential clients may only register https:// URIs; allowHttp is a test relaxation.
        if (!uri.startsWith('https://') && !(allowHttp && uri.startsWith('http://'))) throw new Error(`confidential clients may only register https:// redirect URIs: ${uri}`);
      }
      const record = { clientId: `client-${randomBytes(6).toString('hex')}`, clientSecret: newClientSecret(), name, type: 'confidential' as const, redirectUris, scopes: DEFAULT_SCOPES };
      state.clients.set(record.clientId, record);
      return { clientId: record.clientId, clientSecret: record.clientSecret };
    },
    revokeGrants(clientId) {
      for (const grant of state.grants.values()) if (!clientId || grant.clientId === clientId) grant.revoked = true;
      for (const [token, access] of state.accessTokens) if (!clientId || access.clientId === clientId) state.accessTokens.delete(token);
    },
    mintToken(scopes = DEFAULT_SCOPES) {
      const token = randomBytes(32).toString('base64url');
      state.accessTokens.set(token, { token, accountId: state.operatorId, clientId: 'minted', scopes, expiresAt: now() + oauth.accessTokenSeconds * 1000 });
      return { accessToken: token, accountId: state.operatorId };
    },
    expireAccessTokens() {
      for (const access of state.accessTokens.values()) access.expiresAt = now() - 1;
    },
    removeContact(accountId) { removeContact(state, state.operatorId, accountId); },
    setRole(roomId, role) {
      const room = state.rooms.get(roomId);
      if (!room) throw new Error(`no room ${roomId}`);
      room.members.set(state.operatorId, role);
    },
    setMember(roomId, accountId, role) {
      const room = state.rooms.get(roomId);
      if (!room || room.type !== 'group') throw new Error(`no group room ${roomId}`);
      if (role) room.members.set(accountId, role);
      else room.members.delete(accountId);
    },
    setClockOffset(offsetMs) { clockOffset = offsetMs; },
    sendRequest({ accountId, chatworkId, message }) {
      const from = accountId ?? [...state.accounts.values()].find((a) => a.chatwork_id === chatworkId)?.account_id;
      if (from === undefined) throw new Error(`no account ${chatworkId ?? ''}`);
      const request = sendContactRequest(state, from, state.operatorId, message);
      return { requestId: request.requestId, accountId: from };
    },
    rooms() {
      return [...state.rooms.values()].filter((room) => room.type !== 'my').map((room) => ({
        room_id: room.room_id,
        name: room.type === 'direct' ? directName(state, room) : room.name,
        type: room.type,
        members: [...room.members].map(([id, role]) => ({ account_id: id, name: state.accounts.get(id)?.name ?? '', role })),
        messages: room.messages,
        tasks: room.tasks ?? [],
      }));
    },
    stats() {
      const { byToken, ...rest } = ctx.stats;
      return { ...rest, tokens: byToken.size };
    },
    subscribe(res) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      subscribers.add(res);
      res.on('close', () => subscribers.delete(res));
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = async () => {
      if (url.pathname.startsWith('/v2/')) return handleApi(ctx, req, res, url);
      if (url.pathname === AUTHORIZE_PATH) return handleAuthorize(state, oauth, req, res, url);
      if (url.pathname === TOKEN_PATH) return handleToken(state, oauth, req, res);
      if (url.pathname.startsWith('/_sandbox/')) return handleControl(control, req, res, url);
      if (url.pathname === '/' && req.method === 'GET') return sendHtml(res, 200, PAGE_HTML);
      return sendJson(res, 404, { errors: ['Not Found'] });
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [error instanceof Error ? error.message : String(error)] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const sandbox: Sandbox = {
    url,
    apiUrl: `${url}/v2`,
    authorizeUrl: `${url}${AUTHORIZE_PATH}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    env: {
      CHATWORK_API_URL: `${url}/v2`,
      CHATWORK_OAUTH_AUTHORIZE_URL: `${url}${AUTHORIZE_PATH}`,
      CHATWORK_OAUTH_TOKEN_URL: `${url}${TOKEN_PATH}`,
    },
    client: { clientId: DEMO_CLIENT.clientId, clientSecret, redirectUri: DEMO_CLIENT.redirectUris[0]! },
    control,
    async stop() {
      for (const res of subscribers) res.end();
      subscribers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sandbox;
}

function newStats(): ApiContext['stats'] {
  return { requests: 0, status429: 0, roomPost429: 0, posts: 0, taskPosts: 0, tasksCreated: 0, deletes: 0, faults: { serverError: 0, dropBefore: 0, dropAfter: 0 }, byToken: new Map() };
}

function directName(state: SandboxState, room: SandboxRoom): string {
  const others = [...room.members.keys()].filter((id) => id !== state.operatorId);
  return others.map((id) => state.accounts.get(id)?.name ?? '').join('、');
}
