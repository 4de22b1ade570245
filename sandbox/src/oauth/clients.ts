import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_SCOPES } from '../chatwork/scopes.js';
import type { OAuthClientRecord, SandboxState } from '../model/state.js';

// OAuth clients as an admin registers them on Chatwork's screen, and how one proves who it is.

export function newClientSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** A confidential client: 1 to 5 redirect URIs, https:// only (allowHttp is a test relaxation). */
export function registerClient(state: SandboxState, input: { name: string; redirectUris: string[]; allowHttp?: boolean }): { clientId: string; clientSecret: string } {
  const { name, redirectUris, allowHttp } = input;
  if (redirectUris.length < 1 || redirectUris.length > 5) throw new Error('a client has 1 to 5 redirect URIs');
  for (const uri of redirectUris) {
    if (!uri.startsWith('https://') && !(allowHttp && uri.startsWith('http://'))) throw new Error(`confidential clients may only register https:// redirect URIs: ${uri}`);
  }
  const record: OAuthClientRecord = { clientId: `client-${randomBytes(6).toString('hex')}`, clientSecret: newClientSecret(), name, type: 'confidential', redirectUris, scopes: DEFAULT_SCOPES };
  state.clients.set(record.clientId, record);
  return { clientId: record.clientId, clientSecret: record.clientSecret };
}

export function authenticateClient(state: SandboxState, req: IncomingMessage): OAuthClientRecord | undefined {
  const header = String(req.headers.authorization ?? '');
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const client = state.clients.get(decoded.slice(0, colon));
  if (!client) return undefined;
  const given = Buffer.from(decoded.slice(colon + 1));
  const expected = Buffer.from(client.clientSecret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? client : undefined;
}
