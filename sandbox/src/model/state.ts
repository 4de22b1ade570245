import type { Contact, Message, Room, RoomRole, Task } from '../chatwork/wire.js';

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

interface Grant {
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

interface AccessToken { token: string; accountId: number; clientId: string; scopes: string[]; expiresAt: number }

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
