import type { IncomingRequest } from '../chatwork/wire.js';
import { addContact, toContact } from '../model/people.js';
import type { ContactRequest, SandboxState } from '../model/state.js';
import { errors, Reply } from './context.js';

/**
 * GET /incoming_requests, PUT (approve) and DELETE (decline) /incoming_requests/{id},
 * as documented: at most 100 listed, 204 when none, approval answers the new contact.
 */
export function routeRequests(state: SandboxState, method: string, path: string, accountId: number, scopes: Set<string>): Reply {
  if (method === 'GET' && path === '/incoming_requests') {
    if (!scopes.has('contacts.all:read')) return errors(403, 'Insufficient scope: contacts.all:read');
    const mine = [...state.requests.values()].filter((r) => r.to === accountId).slice(0, 100).map((r) => toRequest(state, r));
    return mine.length ? new Reply(200, mine) : new Reply(204);
  }
  const match = /^\/incoming_requests\/(\d+)$/.exec(path);
  if (!match || (method !== 'PUT' && method !== 'DELETE')) return errors(404, 'Invalid Endpoint or HTTP method');
  if (!scopes.has('contacts.all:write')) return errors(403, 'Insufficient scope: contacts.all:write');
  const request = state.requests.get(Number(match[1]));
  if (!request || request.to !== accountId) return errors(404, 'Contact request not found');
  state.requests.delete(request.requestId);
  if (method === 'DELETE') {
    state.requestLog.push({ requestId: request.requestId, action: 'declined' });
    return new Reply(204);
  }
  addContact(state, accountId, request.from);
  state.requestLog.push({ requestId: request.requestId, action: 'approved' });
  return new Reply(200, toContact(state, accountId, state.accounts.get(request.from)!));
}

function toRequest(state: SandboxState, request: ContactRequest): IncomingRequest {
  const account = state.accounts.get(request.from)!;
  return {
    request_id: request.requestId, account_id: account.account_id, message: request.message, name: account.name,
    chatwork_id: account.chatwork_id, organization_id: account.organization_id, organization_name: account.organization_name,
    department: account.department, avatar_image_url: `https://appdata.chatwork.com/avatar/${account.account_id}.png`,
  };
}
