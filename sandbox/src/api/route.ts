import { toContact } from '../model/people.js';
import { errors, Reply, type ApiContext } from './context.js';
import { routeRequests } from './requests.js';
import { routeRoom, toRoom } from './rooms.js';
import { routeRoomItems } from './tasks.js';

/** Which endpoint a request is for, each checking the scope it needs: /me, /contacts, /rooms, /incoming_requests. */
export function route(ctx: ApiContext, method: string, path: string, query: URLSearchParams, form: URLSearchParams, accountId: number, scopes: Set<string>): Reply {
  const need = (scope: string) => scopes.has(scope);
  const { state } = ctx;
  if (method === 'GET' && path === '/me') {
    if (!need('users.profile.me:read')) return errors(403, 'Insufficient scope: users.profile.me:read');
    return new Reply(200, state.accounts.get(accountId)!);
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
  return routeRoom(ctx, method, room, match[2], query, form, accountId, need) ?? errors(404, 'Invalid Endpoint or HTTP method');
}
