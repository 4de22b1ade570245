import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formOf, readBody, sendJson } from '../http.js';
import type { OAuthClientRecord, SandboxState } from '../model/state.js';
import { authenticateClient } from './clients.js';
import type { OAuthSettings } from './settings.js';

// The token endpoint (client authenticated with Basic): an authorization code, single use, short
// lived, checked against its redirect URI and PKCE challenge; or a refresh token, rotated on use.

export const TOKEN_PATH = '/token';

function tokenError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, error_description: description, error_uri: null }, headers);
}

export async function handleToken(state: SandboxState, settings: OAuthSettings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return tokenError(res, 405, 'invalid_request', 'POST only');
  const form = formOf(req, await readBody(req));
  const client = authenticateClient(state, req);
  if (!client) return tokenError(res, 401, 'invalid_client', 'client authentication failed', { 'www-authenticate': 'Basic realm="oauth"' });
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = state.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== client.clientId) return tokenError(res, 400, 'invalid_grant', 'unknown authorization code');
    if (code.used) {
      // A reused code is a sign of theft: what it issued is revoked (RFC 6749 §4.1.2).
      for (const [key, grant] of state.grants) if (grant.clientId === client.clientId && grant.accountId === code.accountId) state.grants.delete(key);
      return tokenError(res, 400, 'invalid_grant', 'authorization code already used');
    }
    code.used = true;
    if (settings.now() > code.expiresAt) return tokenError(res, 400, 'invalid_grant', 'authorization code expired');
    const redirectUri = form.get('redirect_uri');
    if (code.redirectUri !== undefined && redirectUri !== code.redirectUri) return tokenError(res, 400, 'invalid_grant', 'redirect_uri does not match');
    if (code.redirectUri === undefined && client.redirectUris.length > 1 && !redirectUri) return tokenError(res, 400, 'invalid_request', 'redirect_uri is required');
    if (code.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return tokenError(res, 400, 'invalid_request', 'malformed code_verifier (20000)');
      const digest = createHash('sha256').update(verifier).digest('base64url');
      if (digest !== code.codeChallenge) return tokenError(res, 400, 'invalid_grant', 'code_verifier does not match code_challenge');
    }
    return issue(state, settings, res, client, code.accountId, code.scopes);
  }
  if (grantType === 'refresh_token') {
    const presented = form.get('refresh_token') ?? '';
    const grant = state.grants.get(presented);
    if (!grant || grant.clientId !== client.clientId || grant.revoked) return tokenError(res, 400, 'invalid_grant', 'invalid refresh token');
    // Rotation, read strictly: the presented refresh token stops working now.
    state.grants.delete(presented);
    return issue(state, settings, res, client, grant.accountId, grant.scopes);
  }
  return tokenError(res, 400, 'unsupported_grant_type', `unsupported grant_type: ${grantType ?? '(none)'}`);
}

function issue(state: SandboxState, settings: OAuthSettings, res: ServerResponse, client: OAuthClientRecord, accountId: number, scopes: string[]): void {
  const accessToken = randomBytes(32).toString('base64url');
  const refreshToken = randomBytes(32).toString('base64url');
  state.accessTokens.set(accessToken, {
    token: accessToken, accountId, clientId: client.clientId, scopes, expiresAt: settings.now() + settings.accessTokenSeconds * 1000,
  });
  state.grants.set(refreshToken, { clientId: client.clientId, accountId, scopes, refreshToken, revoked: false });
  // expires_in as a string, as in Chatwork's own documentation example.
  sendJson(res, 200, {
    access_token: accessToken, token_type: 'Bearer', expires_in: String(settings.accessTokenSeconds),
    refresh_token: refreshToken, scope: scopes.join(' '),
  }, { 'cache-control': 'no-store' });
}
