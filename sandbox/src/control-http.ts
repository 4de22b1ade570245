import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomRole } from './chatwork/wire.js';
import { readBody, sendJson } from './http.js';
import { parseLimit } from './limits.js';
import type { SandboxControl } from './types.js';

/**
 * Test-only endpoints, all under /_sandbox/ and never mixed with the Chatwork paths.
 * Each is a thin JSON wrapper over the same SandboxControl that tests hold in-process.
 */
export async function handleControl(control: SandboxControl, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const action = url.pathname.slice('/_sandbox/'.length);
  if (req.method === 'GET' && action === 'events') return control.subscribe(res);
  if (req.method === 'GET' && action === 'rooms') return sendJson(res, 200, control.rooms());
  if (req.method === 'GET' && action === 'stats') return sendJson(res, 200, control.stats());
  if (req.method === 'GET' && action === 'requests') return sendJson(res, 200, [...control.state.requests.values()]);
  if (req.method !== 'POST') return sendJson(res, 404, { error: 'unknown control endpoint' });
  let input: Record<string, unknown>;
  try {
    const text = await readBody(req);
    input = text ? JSON.parse(text) as Record<string, unknown> : {};
  } catch {
    return sendJson(res, 400, { error: 'the body must be JSON' });
  }
  try {
    switch (action) {
      case 'reset': control.reset(); return sendJson(res, 200, { ok: true });
      case 'faults': control.setFaults(input); return sendJson(res, 200, { ok: true });
      case 'limits': {
        const rate = input.rateLimit === undefined ? undefined : parseLimit(String(input.rateLimit));
        const room = input.roomPostLimit === undefined ? undefined : parseLimit(String(input.roomPostLimit));
        if (rate === undefined && input.rateLimit !== undefined) throw new Error('rateLimit must look like 300/300s');
        if (room === undefined && input.roomPostLimit !== undefined) throw new Error('roomPostLimit must look like 10/10s');
        control.setLimits({ rateLimit: rate, roomPostLimit: room });
        return sendJson(res, 200, { ok: true });
      }
      case 'clients': return sendJson(res, 200, control.registerClient({
        name: String(input.name ?? 'client'),
        redirectUris: (input.redirectUris as string[] | undefined) ?? [],
        allowHttp: input.allowHttp === true,
      }));
      case 'revoke': control.revokeGrants(input.clientId as string | undefined); return sendJson(res, 200, { ok: true });
      case 'tokens': return sendJson(res, 200, control.mintToken(input.scopes as string[] | undefined));
      case 'expire-tokens': control.expireAccessTokens(); return sendJson(res, 200, { ok: true });
      case 'contacts/remove': control.removeContact(Number(input.accountId)); return sendJson(res, 200, { ok: true });
      case 'rooms/member': control.setMember(Number(input.roomId), Number(input.accountId), input.role === undefined || input.role === null ? undefined : String(input.role) as RoomRole);
        return sendJson(res, 200, { ok: true });
      case 'rooms/role': control.setRole(Number(input.roomId), String(input.role) as RoomRole); return sendJson(res, 200, { ok: true });
      case 'requests': return sendJson(res, 200, control.sendRequest({
        accountId: input.accountId === undefined ? undefined : Number(input.accountId),
        chatworkId: input.chatworkId as string | undefined, message: input.message as string | undefined,
      }));
      case 'clock': control.setClockOffset(Number(input.offsetMs ?? 0)); return sendJson(res, 200, { ok: true });
      default: return sendJson(res, 404, { error: 'unknown control endpoint' });
    }
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
