import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatworkApi } from '../../src/chatwork/client/index.js';
import { TokenManager } from '../../src/chatwork/tokens.js';
import { AmbiguousRequestError, ApiError } from '../../src/errors/index.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';

// nock only for the HTTP layer: the requests' behaviour is tested against the sandbox.
const API = 'https://api.chatwork.test/v2';

beforeEach(() => nock.disableNetConnect());
afterEach(() => { nock.cleanAll(); nock.enableNetConnect(); });
// restore() takes nock's interceptors out of Node's http for good: a worker that runs this file
// again (the mutation run keeps one across runs) has to put them back first.
beforeAll(() => { if (!nock.isActive()) nock.activate(); });
afterAll(() => nock.restore());

function api() {
  const clock = createFakeClock();
  const stored = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: clock.now() + 1800_000, scope: [], obtainedAt: clock.now() };
  const tokens = new TokenManager({
    secrets: memorySecrets({ tokens: JSON.stringify(stored) }), clock,
    withLock: (fn) => fn(), refresh: async () => { throw new Error('no refresh'); },
  });
  return createChatworkApi({ apiUrl: API, tokens, clock, random: () => 0.5 });
}

describe('incoming requests over HTTP', () => {
  it('reads 204 as no requests, approves with PUT and declines with DELETE', async () => {
    const request = { request_id: 7, account_id: 42, message: 'hi', name: '岡田 佳奈', chatwork_id: 'kana', organization_id: 1, organization_name: 'X', department: '' };
    const scope = nock(API, { reqheaders: { authorization: 'Bearer access-1' } })
      .get('/incoming_requests').reply(204)
      .get('/incoming_requests').reply(200, [request])
      .put('/incoming_requests/7').reply(200, { ...request, room_id: 99 })
      .delete('/incoming_requests/8').reply(204);
    const client = api();
    expect(await client.incomingRequests()).toEqual([]);
    expect(await client.incomingRequests()).toEqual([request]);
    expect(await client.approveRequest(7)).toMatchObject({ account_id: 42, room_id: 99 });
    await client.declineRequest(8);
    expect(scope.isDone()).toBe(true);
  });

  it('never repeats an approval whose outcome is unknown (5xx), and reports a 404 as an API error', async () => {
    const scope = nock(API).put('/incoming_requests/7').reply(500, { errors: ['boom'] }).put('/incoming_requests/9').reply(404, { errors: ['not found'] });
    const client = api();
    await expect(client.approveRequest(7)).rejects.toBeInstanceOf(AmbiguousRequestError);
    await expect(client.approveRequest(9)).rejects.toMatchObject({ status: 404 } satisfies Partial<ApiError>);
    expect(scope.isDone()).toBe(true);
    expect(client.stats.requests).toBe(2);
  });
});
