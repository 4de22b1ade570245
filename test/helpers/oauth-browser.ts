import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../sandbox/src/server.js';

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export function authorizeUrl(sandbox: Sandbox, params: Record<string, string | undefined>): string {
  const url = new URL(sandbox.authorizeUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/** What a browser does on the consent page: submit the form with 許可する or キャンセル. */
export async function decide(sandbox: Sandbox, params: Record<string, string | undefined>, decision: 'allow' | 'deny'): Promise<Response> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, value);
  form.set('decision', decision);
  return fetch(sandbox.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export async function token(sandbox: Sandbox, form: Record<string, string>, auth?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: auth ? { authorization: auth } : {},
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

export const SCOPES = 'offline_access users.all:read rooms.all:read_write contacts.all:read_write';

/** The whole authorization-code flow with PKCE, as the CLI and a browser would do it. */
export async function authorize(sandbox: Sandbox, client = sandbox.client) {
  const { verifier, challenge } = pkce();
  const params = {
    response_type: 'code', client_id: client.clientId, redirect_uri: client.redirectUri, scope: SCOPES,
    state: 'st', code_challenge: challenge, code_challenge_method: 'S256',
  };
  const location = new URL((await decide(sandbox, params, 'allow')).headers.get('location')!);
  const code = location.searchParams.get('code')!;
  const result = await token(sandbox, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier },
    basic(client.clientId, client.clientSecret));
  if (result.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(result.body)}`);
  return result.body as { access_token: string; token_type: string; refresh_token: string; expires_in: string; scope: string };
}
