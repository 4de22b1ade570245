import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { authorize, authorizeUrl, basic, decide, pkce, SCOPES, token } from '../helpers/oauth-browser.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const base = () => ({
  response_type: 'code', client_id: sandbox.client.clientId, redirect_uri: sandbox.client.redirectUri, scope: SCOPES, state: 'xyz',
});

describe('sandbox OAuth: consent page', () => {
  it('shows the client, the scopes with their Japanese labels, and 許可する / キャンセル', async () => {
    const html = await (await fetch(authorizeUrl(sandbox, base()))).text();
    expect(html).toContain('「HiManager」との連携');
    expect(html).toContain('永続的なAPIアクセスの許可');
    expect(html).toContain('自分のコンタクト、及びコンタクト承認依頼情報の取得/操作');
    expect(html).toContain('許可する');
    expect(html).toContain('キャンセル');
  });

  it.each([
    [{ response_type: undefined }, '1001'],
    [{ response_type: 'token' }, '4001'],
    [{ scope: undefined }, '5001'],
    [{ scope: 'everything:write' }, '5002'],
    [{ client_id: undefined }, '11000'],
    [{ redirect_uri: 'not a url' }, '14000'],
    [{ redirect_uri: 'https://127.0.0.1:9999/elsewhere/' }, '15000'],
    [{ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }, '18000'],
    [{ code_challenge: 'short', code_challenge_method: 'S256' }, '19000'],
    [{ client_id: 'no-such-client' }, 'client'],
  ])('answers %o with an error page (code %s) and never redirects', async (change, code) => {
    const response = await fetch(authorizeUrl(sandbox, { ...base(), ...change }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`data-error-code="${code}"`);
  });

  it('redirects キャンセル with error=access_denied and the state', async () => {
    const location = new URL((await decide(sandbox, base(), 'deny')).headers.get('location')!);
    expect(location.origin + location.pathname).toBe(sandbox.client.redirectUri);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('accepts only https:// redirect URIs for a confidential client', () => {
    expect(() => sandbox.control.registerClient({ name: 'x', redirectUris: ['http://127.0.0.1:8976/cb'] })).toThrow(/https/);
    expect(() => sandbox.control.registerClient({ name: 'x', redirectUris: [] })).toThrow(/1 to 5/);
    expect(sandbox.control.registerClient({ name: 'x', redirectUris: ['https://127.0.0.1:8976/cb'] }).clientId).toMatch(/^client-/);
  });
});

describe('sandbox OAuth: token endpoint', () => {
  async function codeFor(challenge?: string) {
    const params = { ...base(), code_challenge: challenge, code_challenge_method: challenge ? 'S256' : undefined };
    return new URL((await decide(sandbox, params, 'allow')).headers.get('location')!).searchParams.get('code')!;
  }
  const auth = () => basic(sandbox.client.clientId, sandbox.client.clientSecret);

  it('issues tokens for a code with PKCE, expires_in as a string, scopes granted', async () => {
    const tokens = await authorize(sandbox);
    expect(tokens).toMatchObject({ expires_in: '1800', scope: SCOPES });
    expect(typeof tokens.access_token).toBe('string');
  });

  it('requires HTTP Basic client authentication', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const form = { grant_type: 'authorization_code', code, redirect_uri: sandbox.client.redirectUri, code_verifier: verifier };
    const none = await token(sandbox, { ...form, client_id: sandbox.client.clientId, client_secret: sandbox.client.clientSecret });
    expect(none).toMatchObject({ status: 401, body: { error: 'invalid_client', error_uri: null } });
    const wrong = await token(sandbox, form, basic(sandbox.client.clientId, 'wrong'));
    expect(wrong.status).toBe(401);
  });

  it('refuses a reused code', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    const form = { grant_type: 'authorization_code', code, redirect_uri: sandbox.client.redirectUri, code_verifier: verifier };
    expect((await token(sandbox, form, auth())).status).toBe(200);
    expect(await token(sandbox, form, auth())).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a code older than 60 s', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    sandbox.control.setClockOffset(61_000);
    const result = await token(sandbox, { grant_type: 'authorization_code', code, redirect_uri: sandbox.client.redirectUri, code_verifier: verifier }, auth());
    sandbox.control.setClockOffset(0);
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'authorization code expired' } });
  });

  it('refuses a wrong verifier and a wrong redirect URI', async () => {
    const { challenge } = pkce();
    const bad = await token(sandbox, { grant_type: 'authorization_code', code: await codeFor(challenge), redirect_uri: sandbox.client.redirectUri, code_verifier: pkce().verifier }, auth());
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const { verifier, challenge: c2 } = pkce();
    const wrongUri = await token(sandbox, { grant_type: 'authorization_code', code: await codeFor(c2), redirect_uri: 'https://127.0.0.1:1/x/', code_verifier: verifier }, auth());
    expect(wrongUri).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('rotates refresh tokens: the old one stops working at once', async () => {
    const first = await authorize(sandbox);
    const second = await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth());
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const again = await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth());
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a revoked grant', async () => {
    const first = await authorize(sandbox);
    sandbox.control.revokeGrants();
    expect(await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth()))
      .toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
