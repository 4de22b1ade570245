import type { Contact, RoomRole } from '../chatwork/wire.js';
import type { Account, ContactRequest, SandboxRoom, SandboxState } from './state.js';

// How people and rooms change, as in Chatwork: an account comes with its My Chat, contacts are
// mutual and share one direct room, a contact request waits for an answer.

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

function findDirectRoom(state: SandboxState, a: number, b: number): SandboxRoom | undefined {
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
