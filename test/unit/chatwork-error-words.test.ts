import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../src/chatwork/client/index.js';
import { ApiError, CliError, renderError } from '../../src/errors/index.js';
import { errorJson } from '../../src/cli/failure.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { networkError } from '../../src/chatwork/client/transport.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { detailInWords } from '../../src/commands/history/render.js';
import type { HistoryRow } from '../../src/store/store.js';

// Chatwork's and OAuth's English error text is never put inside a Japanese (or English)
// sentence: each known error is said in the admin's language, the raw text only with --verbose / --json.
const ja = createTranslator('ja');
const en = createTranslator('en');
const TOKEN_URL = 'https://oauth.chatwork.test/token';

beforeEach(() => nock.disableNetConnect());
afterEach(() => { nock.cleanAll(); nock.enableNetConnect(); });
// restore() takes nock's interceptors out of Node's http for good: a worker that runs this file
// again (the mutation run keeps one across runs) has to put them back first.
beforeAll(() => { if (!nock.isActive()) nock.activate(); });
afterAll(() => nock.restore());

function oauth() {
  return createOAuthClient({ tokenUrl: TOKEN_URL, clientId: 'client-1', clientSecret: async () => 's', clock: createFakeClock(), retry: { attempts: 1, baseMs: 1, maxMs: 1 } });
}

async function tokenFailure(status: number, body: object, grant: 'refresh' | 'code' = 'refresh'): Promise<CliError> {
  nock('https://oauth.chatwork.test').post('/token').reply(status, body);
  const client = oauth();
  const call = grant === 'refresh' ? client.refresh('r') : client.exchangeCode({ code: 'c', redirectUri: 'https://127.0.0.1/cb', codeVerifier: 'v' });
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

/** What stderr shows, in Japanese, without and with --verbose. */
const shown = (error: CliError, verbose = false) => renderError(error, ja, verbose).join('\n');

describe('OAuth errors in words', () => {
  it.each([
    ['invalid_grant on refresh', 400, { error: 'invalid_grant', error_description: 'refresh token revoked' }, 'refresh', 'auth.refreshRejected', 'Chatworkがリフレッシュトークンを拒否しました。連携が解除されたか、有効期限が切れています。'],
    ['invalid_grant on the code', 400, { error: 'invalid_grant', error_description: 'authorization code expired' }, 'code', 'login.codeRejected', 'Chatworkが認可コードを拒否しました。有効期限が切れたか、すでに使用されています。'],
    ['invalid_client', 400, { error: 'invalid_client', error_description: 'client authentication failed' }, 'refresh', 'oauth.invalidClient', 'ChatworkがOAuthのクライアントIDまたはクライアントシークレットを受け付けませんでした。'],
    ['a 401', 401, { error: 'unauthorized_client', error_description: 'nope' }, 'refresh', 'oauth.invalidClient', 'クライアントID'],
    ['a 429', 429, { error: 'too_many_requests', error_description: 'slow down' }, 'refresh', 'oauth.rateLimited', 'リクエスト数の上限に達しました（HTTP 429）'],
    ['a 503', 503, { error: 'server_error', error_description: 'maintenance' }, 'refresh', 'oauth.serverError', 'Chatworkの認証サーバーでエラーが発生しました（HTTP 503）'],
    ['another 400', 400, { error: 'invalid_request', error_description: 'missing parameter' }, 'refresh', 'oauth.error', '（HTTP 400）'],
  ] as const)('%s', async (_name, status, body, grant, key, words) => {
    const error = await tokenFailure(status, body, grant);
    expect(error.key).toBe(key);
    expect(shown(error)).toContain(words);
    expect(shown(error)).not.toContain(body.error_description);
    expect(shown(error)).not.toContain(body.error);
    // --verbose and --json keep Chatwork's own words for support.
    expect(shown(error, true)).toContain(`Chatworkの応答（原文）: ${body.error}: ${body.error_description}`);
    expect(errorJson(error, ja).error.raw).toBe(`${body.error}: ${body.error_description}`);
  });
});

describe('API errors in words', () => {
  it.each([
    [401, 'api.unauthorized', 'アクセストークンを受け付けませんでした'],
    [403, 'api.forbidden', 'この操作を許可しませんでした'],
    [404, 'api.notFound', '対象が見つかりません'],
    [429, 'api.rateLimited', 'リクエスト数の上限に達しました'],
    [500, 'api.serverError', 'Chatwork側でエラーが発生しました'],
    [502, 'api.serverError', 'Chatwork側でエラーが発生しました'],
    [400, 'api.error', 'リクエスト（POST /rooms/1/messages）を受け付けませんでした（HTTP 400）'],
  ] as const)('%i', (status, key, words) => {
    const error = new ApiError(status, 'POST', '/rooms/1/messages', ["You don't have permission to send messages in this room"]);
    expect(error.key).toBe(key);
    expect(shown(error)).toContain(words);
    expect(shown(error)).toContain(`HTTP ${status}`);
    expect(shown(error)).not.toContain('permission');
    expect(renderError(error, en, false).join('\n')).not.toContain("don't have");
    expect(shown(error, true)).toContain("You don't have permission");
    expect(errorJson(error, ja).error.raw).toBe("You don't have permission to send messages in this room");
  });

  it('a network error says its code, not Node\'s English text', () => {
    const error = networkError('https://api.chatwork.com/v2', Object.assign(new Error('socket hang up, something in English'), { code: 'EPROTO' }));
    expect(shown(error)).toContain('Chatwork（https://api.chatwork.com）に接続できません');
    expect(shown(error)).not.toContain('socket hang up');
    expect(shown(error, true)).toContain('socket hang up');
  });
});

describe('history says a failure the ledger kept as Chatwork answered it in words', () => {
  it.each([
    ['HTTP 403: You don\'t have permission to send messages in this room', 'Chatworkが投稿を許可しませんでした（HTTP 403。'],
    ['HTTP 404: Not Found', 'Chatworkにチャットが見つかりません（HTTP 404。'],
    ['HTTP 429: Too many requests', 'リクエスト数の上限に達しました（HTTP 429）'],
    ['HTTP 503: -', 'Chatwork側でエラーが発生しました（HTTP 503）'],
    ['HTTP 400: bad', 'Chatworkがリクエストを受け付けませんでした（HTTP 400）'],
  ])('%s', (reason, words) => {
    const text = detailInWords({ status: 'failed', reason } as HistoryRow, ja);
    expect(text).toContain(words);
    expect(text).not.toContain(reason.slice(10));
  });
});
