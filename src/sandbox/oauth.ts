import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSENT_LABELS, KNOWN_SCOPES } from './chatwork/scopes.js';
import { escapeHtml, formOf, readBody, redirect, sendHtml, sendJson } from './http.js';
import type { AuthorizationCode, OAuthClientRecord, SandboxState } from './model.js';

export interface OAuthSettings { accessTokenSeconds: number; codeSeconds: number; now(): number }

export const AUTHORIZE_PATH = '/packages/oauth2/login.php';
export const TOKEN_PATH = '/token';

/** Chatwork's authorization error codes (API documentation, appendix B). */
const ERRORS = {
  1001: 'response_type が指定されていません',
  4001: 'response_type=token はサポートされていません',
  4002: '不明な response_type です',
  5001: 'scope が指定されていません',
  5002: '不明な scope です',
  11000: 'client_id が指定されていません',
  13000: 'redirect_uri が指定されていません',
  14000: 'redirect_uri の形式が正しくありません',
  15000: '登録されていない redirect_uri です',
  18000: 'サポートされていない code_challenge_method です',
  19000: 'code_challenge の形式が正しくありません',
} as const;

type ConsentCheck = { ok: true; client: OAuthClientRecord; redirectUri: string; scopes: string[] } | { ok: false; code: keyof typeof ERRORS | 'client' };

function checkAuthorizeRequest(state: SandboxState, q: URLSearchParams): ConsentCheck {
  const responseType = q.get('response_type');
  if (!responseType) return { ok: false, code: 1001 };
  if (responseType === 'token') return { ok: false, code: 4001 };
  if (responseType !== 'code') return { ok: false, code: 4002 };
  const clientId = q.get('client_id');
  if (!clientId) return { ok: false, code: 11000 };
  const client = state.clients.get(clientId);
  if (!client) return { ok: false, code: 'client' };
  const given = q.get('redirect_uri');
  if (!given && client.redirectUris.length > 1) return { ok: false, code: 13000 };
  if (given) {
    try {
      new URL(given);
    } catch {
      return { ok: false, code: 14000 };
    }
    if (!client.redirectUris.includes(given)) return { ok: false, code: 15000 };
  }
  const scopes = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0) return { ok: false, code: 5001 };
  if (scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return { ok: false, code: 5002 };
  const challenge = q.get('code_challenge');
  if (challenge !== null) {
    if (q.get('code_challenge_method') !== 'S256') return { ok: false, code: 18000 };
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge)) return { ok: false, code: 19000 };
  }
  return { ok: true, client, redirectUri: given ?? client.redirectUris[0]!, scopes };
}

function errorPage(code: keyof typeof ERRORS | 'client'): string {
  const text = code === 'client' ? '不正な client_id です。OAuth クライアントの設定を確認してください。' : `エラーコード ${code}: ${ERRORS[code]}`;
  return page('エラー', `<h1>エラー</h1><p class="error" data-error-code="${code}">${escapeHtml(text)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title} - Chatwork (sandbox)</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:3rem auto;color:#333}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}
.allow{background:#e64a19;color:#fff;border:0;border-radius:4px}.error{color:#c62828}li{margin:.3rem 0}</style></head><body>${body}</body></html>`;
}

export async function handleAuthorize(state: SandboxState, settings: OAuthSettings, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method === 'GET') {
    const check = checkAuthorizeRequest(state, url.searchParams);
    if (!check.ok) return sendHtml(res, 400, errorPage(check.code));
    const operator = state.accounts.get(state.operatorId)!;
    const labels = check.scopes.map((scope) => CONSENT_LABELS.get(scope) ?? scope);
    const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
    return sendHtml(res, 200, page('アプリケーションの連携', `
<h1>「${escapeHtml(check.client.name)}」との連携</h1>
<p>${escapeHtml(operator.name)} としてログインしています。</p>
<p>このアプリケーションに次の操作を許可します:</p>
<ul>${labels.map((label) => `<li>${escapeHtml(label)}</li>`).join('')}</ul>
<form method="post" action="${AUTHORIZE_PATH}">${hidden}
<button class="allow" name="decision" value="allow">許可する</button>
<button name="decision" value="deny">キャンセル</button></form>`));
  }
  if (req.method !== 'POST') return sendHtml(res, 405, page('エラー', 'method not allowed'));
  const form = formOf(req, await readBody(req));
  const check = checkAuthorizeRequest(state, form);
  if (!check.ok) return sendHtml(res, 400, errorPage(check.code));
  const target = new URL(check.redirectUri);
  const stateParam = form.get('state');
  if (form.get('decision') !== 'allow') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const code: AuthorizationCode = {
      code: randomBytes(24).toString('base64url'),
      clientId: check.client.clientId,
      accountId: state.operatorId,
      redirectUri: form.get('redirect_uri') ?? undefined,
      scopes: check.scopes,
      codeChallenge: form.get('code_challenge') ?? undefined,
      expiresAt: settings.now() + settings.codeSeconds * 1000,
      used: false,
    };
    state.codes.set(code.code, code);
    target.searchParams.set('code', code.code);
  }
  if (stateParam !== null) target.searchParams.set('state', stateParam);
  redirect(res, target.toString());
}

function tokenError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, error_description: description, error_uri: null }, headers);
}

function authenticateClient(state: SandboxState, req: IncomingMessage): OAuthClientRecord | undefined {
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
