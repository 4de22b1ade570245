import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSENT_LABELS, KNOWN_SCOPES } from '../chatwork/scopes.js';
import { escapeHtml, formOf, readBody, redirect, sendHtml } from '../http.js';
import type { AuthorizationCode, OAuthClientRecord, SandboxState } from '../model/state.js';
import type { OAuthSettings } from './settings.js';

// The authorization endpoint: the request checked as Chatwork checks it (its error codes), the
// consent page (許可する / キャンセル) as the notification account, and the redirect with a code.

export const AUTHORIZE_PATH = '/packages/oauth2/login.php';

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
    if (settings.autoConsent) return redirect(res, decide(state, settings, check, url.searchParams, 'allow'));
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
  redirect(res, decide(state, settings, check, form, form.get('decision')));
}

/** Where the consent page sends the browser: the redirect URI with a fresh code, or access_denied. */
function decide(state: SandboxState, settings: OAuthSettings, check: ConsentCheck & { ok: true }, params: URLSearchParams, decision: string | null): string {
  const target = new URL(check.redirectUri);
  const stateParam = params.get('state');
  if (decision !== 'allow') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const code: AuthorizationCode = {
      code: randomBytes(24).toString('base64url'),
      clientId: check.client.clientId,
      accountId: state.operatorId,
      redirectUri: params.get('redirect_uri') ?? undefined,
      scopes: check.scopes,
      codeChallenge: params.get('code_challenge') ?? undefined,
      expiresAt: settings.now() + settings.codeSeconds * 1000,
      used: false,
    };
    state.codes.set(code.code, code);
    target.searchParams.set('code', code.code);
  }
  if (stateParam !== null) target.searchParams.set('state', stateParam);
  return target.toString();
}
