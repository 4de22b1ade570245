import { withFileLock } from '../../src/store/lock.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatworkApi, createOAuthClient } from '../../src/chatwork/client/index.js';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { TokenManager, type StoredTokens } from '../../src/chatwork/tokens.js';
import { AmbiguousRequestError, ApiError, AuthError, ExitCode } from '../../src/errors/index.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';

// nock is for the HTTP layer only; behaviour is tested against the sandbox.
const API = 'https://api.chatwork.test/v2';
const TOKEN_URL = 'https://oauth.chatwork.test/token';

beforeEach(() => nock.disableNetConnect());
afterEach(() => { nock.cleanAll(); nock.enableNetConnect(); });
// restore() takes nock's interceptors out of Node's http for good: a worker that runs this file
// again (the mutation run keeps one across runs) has to put them back first.
beforeAll(() => { if (!nock.isActive()) nock.activate(); });
afterAll(() => nock.restore());

function setup(tokens: Partial<StoredTokens> = {}) {
  const clock = createFakeClock();
  const stored: StoredTokens = {
    accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: clock.now() + 1800_000, scope: [], obtainedAt: clock.now(), ...tokens,
  };
  const secrets = memorySecrets({ tokens: JSON.stringify(stored), 'client-secret': 'client-secret-1' });
  const oauth = createOAuthClient({ tokenUrl: TOKEN_URL, clientId: 'client-1', clientSecret: async () => 'client-secret-1', clock });
  const manager = new TokenManager({
    secrets, clock, withLock: (fn) => withFileLock(join(mkdtempSync(join(tmpdir(), 'hmcw-lock-')), 'token.lock'), clock, 30_000, fn), refresh: (r) => oauth.refresh(r),
  });
  const limiter = new RateLimiter(clock);
  const log: string[] = [];
  const api = createChatworkApi({ apiUrl: API, tokens: manager, clock, limiter, log: (line) => log.push(line), random: () => 0.5 });
  return { api, clock, secrets, manager, limiter, log };
}

const rate = (remaining: number, reset: number, limit = 300) => ({
  'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(reset),
});

describe('Chatwork client', () => {
  it('sends the bearer token and reads a 204 as an empty list', async () => {
    const { api } = setup();
    const scope = nock(API, { reqheaders: { authorization: 'Bearer access-1' } }).get('/contacts').reply(204);
    expect(await api.contacts()).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads the direct chats from the contact list, from its bytes, and a 204 as none', async () => {
    const { api } = setup();
    const contacts = [
      { account_id: 1, room_id: 11, name: '山田 太郎', chatwork_id: 'y', organization_id: 1, organization_name: '株式会社', department: '', avatar_image_url: 'https://a/1.png' },
      { account_id: 2, room_id: 22, name: 'Sato "Hanako" ]', chatwork_id: 's', organization_id: 1, organization_name: '', department: '' },
      { account_id: 3, name: 'no room' },
    ];
    nock(API).get('/contacts').reply(200, JSON.stringify(contacts, null, 1));
    expect(await api.directChats()).toEqual(new Map([[1, { roomId: 11, name: '山田 太郎' }], [2, { roomId: 22, name: 'Sato "Hanako" ]' }]]));
    nock(API).get('/contacts').reply(204);
    expect(await api.directChats()).toEqual(new Map());
  });

  it('a contact list cut short is a truncated answer, not a shorter list', async () => {
    const { api } = setup();
    nock(API).get('/contacts').times(2).reply(200, '[{"account_id": 1, "room_id": 11, "name": "a"}, {"account_id": 2, "ro');
    await expect(api.directChats()).rejects.toThrow(/ended before it was complete/);
    nock(API).get('/contacts').reply(200, '[{"account_id": 1, "room_id": 11, "name": "a"}, {"account_id": 2, "room_id": tru}]');
    await expect(api.directChats()).rejects.toThrow(/ended before it was complete/);
  });

  it('posts a form-encoded body, never JSON or query parameters', async () => {
    const { api } = setup();
    const scope = nock(API, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/rooms/42/messages', 'body=%5BTo%3A1%5D+%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF&self_unread=0')
      .reply(200, { message_id: '1234567890123456789' });
    expect(await api.postMessage(42, '[To:1] こんにちは')).toEqual({ message_id: '1234567890123456789' });
    expect(scope.isDone()).toBe(true);
  });

  it('turns {"errors": [...]} into an ApiError with status, endpoint and messages, without the token', async () => {
    const { api } = setup();
    nock(API).get('/rooms/7').reply(404, { errors: ['Room not found'] });
    const error = await api.room(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, method: 'GET', endpoint: '/rooms/7', apiMessages: ['Room not found'] });
    expect(String((error as Error).message)).not.toContain('access-1');
  });

  it('refreshes once on a 401, saves the rotated refresh token, and retries', async () => {
    const { api, secrets } = setup();
    nock(API).get('/me').matchHeader('authorization', 'Bearer access-1')
      .reply(401, { errors: ['Invalid token'] }, { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' });
    const token = nock(TOKEN_URL.replace('/token', ''), { reqheaders: { authorization: `Basic ${Buffer.from('client-1:client-secret-1').toString('base64')}` } })
      .post('/token', { grant_type: 'refresh_token', refresh_token: 'refresh-1' })
      .reply(200, { access_token: 'access-2', token_type: 'Bearer', expires_in: '1800', refresh_token: 'refresh-2', scope: 'users.all:read' });
    nock(API).get('/me').matchHeader('authorization', 'Bearer access-2').reply(200, { account_id: 1, name: 'Bot' });
    expect(await api.me()).toMatchObject({ account_id: 1 });
    expect(token.isDone()).toBe(true);
    const saved = JSON.parse(secrets.data.get('tokens')!) as StoredTokens;
    expect(saved).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2', scope: ['users.all:read'] });
  });

  it('gives up with an AuthError (exit 4) when the new token is rejected too', async () => {
    const { api } = setup();
    nock(API).get('/me').twice().reply(401, { errors: ['Invalid token'] }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    nock('https://oauth.chatwork.test').post('/token').reply(200, { access_token: 'access-2', token_type: 'Bearer', expires_in: 1800 });
    const error = await api.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).exitCode).toBe(ExitCode.auth);
  });

  it('refreshes ahead of expiry, reading expires_in as a string', async () => {
    const { api, clock, secrets } = setup({ expiresAt: Date.UTC(2026, 10, 24, 1, 1, 0) }); // 60 s left
    nock('https://oauth.chatwork.test').post('/token')
      .reply(200, { access_token: 'access-2', token_type: 'Bearer', expires_in: '900', refresh_token: 'refresh-2' });
    nock(API).get('/rooms').matchHeader('authorization', 'Bearer access-2').reply(200, []);
    await api.rooms();
    expect(JSON.parse(secrets.data.get('tokens')!).expiresAt).toBe(clock.now() + 900_000);
  });

  it('maps invalid_grant on refresh to an AuthError that says to log in again', async () => {
    const { api } = setup({ expiresAt: 0 });
    nock('https://oauth.chatwork.test').post('/token')
      .reply(400, { error: 'invalid_grant', error_description: 'refresh token revoked', error_uri: null });
    const error = await api.rooms().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).key).toBe('auth.refreshRejected');
    // Chatwork's own words are kept for --verbose and --json, out of the message.
    expect((error as AuthError).raw).toBe('invalid_grant: refresh token revoked');
    expect((error as AuthError).message).not.toContain('refresh token revoked');
    expect((error as AuthError).hint?.key).toBe('auth.hint.login');
  });

  it('waits for the reset instead of provoking a 429 when the budget is spent', async () => {
    const { api, clock } = setup();
    const reset = Math.floor(clock.now() / 1000) + 120;
    nock(API).get('/rooms').reply(200, [], rate(0, reset));
    nock(API).get('/contacts').reply(200, [], rate(299, reset + 300));
    await api.rooms();
    const before = clock.now();
    await api.contacts();
    expect(clock.now() - before).toBeGreaterThanOrEqual(reset * 1000 - before);
    expect(api.stats.status429).toBe(0);
  });

  it('waits out a 429 until the reset it announces, then carries on', async () => {
    const { api, clock } = setup();
    const reset = Math.floor(clock.now() / 1000) + 30;
    nock(API).get('/contacts').reply(429, { errors: ['Rate limit exceeded'] }, rate(0, reset));
    nock(API).get('/contacts').reply(200, [{ account_id: 5 }], rate(299, reset + 300));
    expect(await api.contacts()).toHaveLength(1);
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(api.stats.status429).toBe(1);
  });

  it('waits 10 s after a per-room 429 and posts again', async () => {
    const { api, clock } = setup();
    nock(API).post('/rooms/9/messages')
      .reply(429, { errors: ['Rate limit for message posting per room exceeded.'] }, rate(250, Math.floor(clock.now() / 1000) + 300));
    nock(API).post('/rooms/9/messages').reply(200, { message_id: '1' });
    const start = clock.now();
    await api.postMessage(9, 'hello');
    expect(clock.now() - start).toBeGreaterThanOrEqual(10_000);
  });

  it('keeps to 10 posts per 10 s in one room without being told', async () => {
    const { api, clock } = setup();
    nock(API).post('/rooms/3/messages').times(11).reply(200, { message_id: '1' });
    const start = clock.now();
    for (let i = 0; i < 11; i++) await api.postMessage(3, `m${i}`);
    expect(clock.now() - start).toBeGreaterThanOrEqual(10_000);
    expect(api.stats.status429).toBe(0);
  });

  it('retries a 5xx GET with growing backoff, then gives up with the status', async () => {
    const { api, clock } = setup();
    nock(API).get('/rooms').times(5).reply(503, { errors: ['Service Unavailable'] });
    const error = await api.rooms().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000]);
  });

  it('reports a 5xx to a POST as ambiguous and does not retry it', async () => {
    const { api } = setup();
    const scope = nock(API).post('/rooms/9/messages').once().reply(502, 'Bad Gateway');
    await expect(api.postMessage(9, 'hi')).rejects.toBeInstanceOf(AmbiguousRequestError);
    expect(scope.isDone()).toBe(true);
    expect(api.stats.requests).toBe(1);
  });

  it('never writes the token to its log', async () => {
    const { api, log } = setup();
    nock(API).get('/me').reply(200, { account_id: 1 }, rate(10, 2_000_000_000));
    await api.me();
    expect(log.join('\n')).toContain('GET /me -> 200');
    expect(log.join('\n')).not.toContain('access-1');
  });
});
