import type { Contact, Message, Room, RoomRole, Task } from './chatwork/wire.js';

/** A Chatwork account as the sandbox keeps it: a contact's fields, room_id being its My Chat. */
export type Account = Omit<Contact, 'avatar_image_url'>;

export interface SandboxRoom {
  room_id: number;
  name: string;
  type: Room['type'];
  description: string;
  members: Map<number, RoomRole>;
  messages: Message[];
  /** Tasks of the room, oldest first; absent until the first one. */
  tasks?: Task[];
}

export interface OAuthClientRecord {
  clientId: string;
  clientSecret: string;
  name: string;
  type: 'confidential' | 'public';
  redirectUris: string[];
  scopes: string[];
}

export interface Grant {
  clientId: string;
  accountId: number;
  scopes: string[];
  refreshToken: string;
  revoked: boolean;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  accountId: number;
  redirectUri?: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessToken { token: string; accountId: number; clientId: string; scopes: string[]; expiresAt: number }

/** Everything the emulated Chatwork knows. The control endpoints and tests read and change it. */
export interface SandboxState {
  /** The account that logs in on the consent page: the dedicated notification account. */
  operatorId: number;
  accounts: Map<number, Account>;
  /** account id → its contacts' account ids. */
  contacts: Map<number, Set<number>>;
  rooms: Map<number, SandboxRoom>;
  clients: Map<string, OAuthClientRecord>;
  codes: Map<string, AuthorizationCode>;
  accessTokens: Map<string, AccessToken>;
  /** refresh token → grant. Rotation deletes the old key. */
  grants: Map<string, Grant>;
  nextMessageId: bigint;
  nextRoomId: number;
  /** "a:b" (a < b) → their direct room: contacts of thousands stay fast. */
  directRooms: Map<string, number>;
  /** Contact requests waiting for an answer, by request id. */
  requests: Map<number, ContactRequest>;
  nextRequestId: number;
  /** Every approval and decline, in order: tests prove nothing was approved twice. */
  requestLog: { requestId: number; action: 'approved' | 'declined' }[];
  /** Every message deletion that succeeded and every DELETE that met a message already gone: tests prove none twice. */
  deleteLog: { roomId: number; messageId: string; result: 'deleted' | 'gone' }[];
  nextTaskId: number;
}

export interface ContactRequest { requestId: number; from: number; to: number; message: string }

export function emptyState(): SandboxState {
  return {
    operatorId: 0,
    accounts: new Map(),
    contacts: new Map(),
    rooms: new Map(),
    clients: new Map(),
    codes: new Map(),
    accessTokens: new Map(),
    grants: new Map(),
    nextMessageId: 1_700_000_000_000_000_000n,
    nextRoomId: 500_000_000,
    directRooms: new Map(),
    requests: new Map(),
    nextRequestId: 7_000_001,
    requestLog: [],
    deleteLog: [],
    nextTaskId: 90_000_001,
  };
}

/** Someone asks to become a contact, as from Chatwork's コンタクト追加 button. */
export function sendContactRequest(state: SandboxState, from: number, to: number, message = ''): ContactRequest {
  if (!state.accounts.has(from)) throw new Error(`no account ${from}`);
  if (state.contacts.get(to)?.has(from)) throw new Error(`${from} is already a contact of ${to}`);
  const pending = [...state.requests.values()].find((r) => r.from === from && r.to === to);
  if (pending) return pending;
  const request = { requestId: state.nextRequestId++, from, to, message };
  state.requests.set(request.requestId, request);
  return request;
}

export function addAccount(state: SandboxState, account: Omit<Account, 'room_id'>): Account {
  const myRoom = state.nextRoomId++;
  const full = { ...account, room_id: myRoom };
  state.accounts.set(account.account_id, full);
  state.rooms.set(myRoom, { room_id: myRoom, name: 'マイチャット', type: 'my', description: '', members: new Map([[account.account_id, 'admin']]), messages: [] });
  return full;
}

/** Contacts are mutual and share one direct room, as in Chatwork. */
export function addContact(state: SandboxState, a: number, b: number): number {
  const existing = findDirectRoom(state, a, b);
  if (existing) {
    contactSet(state, a).add(b);
    contactSet(state, b).add(a);
    return existing.room_id;
  }
  const roomId = state.nextRoomId++;
  state.rooms.set(roomId, {
    room_id: roomId, name: '', type: 'direct', description: '',
    members: new Map([[a, 'admin'], [b, 'admin']]), messages: [],
  });
  state.directRooms.set(pairKey(a, b), roomId);
  contactSet(state, a).add(b);
  contactSet(state, b).add(a);
  return roomId;
}

export function removeContact(state: SandboxState, a: number, b: number): void {
  state.contacts.get(a)?.delete(b);
  state.contacts.get(b)?.delete(a);
}

export function findDirectRoom(state: SandboxState, a: number, b: number): SandboxRoom | undefined {
  const roomId = state.directRooms.get(pairKey(a, b));
  return roomId === undefined ? undefined : state.rooms.get(roomId);
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function contactSet(state: SandboxState, id: number): Set<number> {
  let set = state.contacts.get(id);
  if (!set) state.contacts.set(id, set = new Set());
  return set;
}

export function toContact(state: SandboxState, viewer: number, account: Account): Contact {
  return {
    account_id: account.account_id,
    room_id: findDirectRoom(state, viewer, account.account_id)!.room_id,
    name: account.name,
    chatwork_id: account.chatwork_id,
    organization_id: account.organization_id,
    organization_name: account.organization_name,
    department: account.department,
    avatar_image_url: `https://appdata.chatwork.com/avatar/${account.account_id}.png`,
  };
}

export function addGroupRoom(state: SandboxState, name: string, members: [number, RoomRole][], description = ''): SandboxRoom {
  const room: SandboxRoom = { room_id: state.nextRoomId++, name, type: 'group', description, members: new Map(members), messages: [] };
  state.rooms.set(room.room_id, room);
  return room;
}
