import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenForRedirect, loopbackHost } from '../../src/auth/loopback.js';
import { createPkce, createState, stateMatches } from '../../src/auth/pkce.js';
import { checkPastedLine, checkRedirect } from '../../src/auth/redirect.js';
import { catalog } from '../../src/i18n/catalog.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const STATE = 'the-state-this-cli-made';

describe('the state check', () => {
  it('accepts only the very state, in constant time', () => {
    expect(stateMatches(STATE, STATE)).toBe(true);
    expect(stateMatches(STATE, `${STATE}x`)).toBe(false);
    expect(stateMatches(STATE, STATE.slice(1))).toBe(false);
    expect(stateMatches(STATE, '')).toBe(false);
    expect(stateMatches(STATE, null)).toBe(false);
    expect(stateMatches(STATE, undefined)).toBe(false);
    const a = createState();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(createState()).not.toBe(a);
    const pkce = createPkce();
    expect(pkce.verifier).toMatch(/^[\w-]{43}$/);
    expect(pkce.challenge).toMatch(/^[\w-]{43}$/);
    expect(pkce.challenge).not.toBe(pkce.verifier);
  });

  it('reads a redirect: code, denial, wrong or missing state, or not a redirect at all', () => {
    const q = (query: string) => checkRedirect(new URLSearchParams(query), STATE);
    expect(q(`code=abc&state=${STATE}`)).toEqual({ kind: 'code', code: 'abc' });
    expect(q(`error=access_denied&error_description=no&state=${STATE}`)).toEqual({ kind: 'denied', error: 'access_denied', description: 'no' });
    expect(q(`error=access_denied&state=${STATE}`)).toEqual({ kind: 'denied', error: 'access_denied', description: undefined });
    expect(q('code=abc&state=forged')).toEqual({ kind: 'wrong-state' });
    expect(q('code=abc')).toEqual({ kind: 'wrong-state' });
    expect(q('error=access_denied&state=forged')).toEqual({ kind: 'wrong-state' });
    expect(q(`state=${STATE}`)).toEqual({ kind: 'not-a-redirect', reason: 'no code or error in it' });
  });

  it('reads a pasted line only when it is the redirect URI, trailing slashes aside', () => {
    const uri = 'https://127.0.0.1:8443/oauth2/chatwork/';
    expect(checkPastedLine(`  https://127.0.0.1:8443/oauth2/chatwork?code=abc&state=${STATE}  `, uri, STATE)).toEqual({ kind: 'code', code: 'abc' });
    expect(checkPastedLine(`https://127.0.0.1:8443/oauth2/chatwork/?code=abc&state=nope`, uri, STATE)).toEqual({ kind: 'wrong-state' });
    expect(checkPastedLine('abc', uri, STATE)).toEqual({ kind: 'not-a-redirect', reason: 'not a URL' });
    expect(checkPastedLine(`https://127.0.0.1:9999/oauth2/chatwork/?code=abc&state=${STATE}`, uri, STATE))
      .toEqual({ kind: 'not-a-redirect', reason: `not the redirect URI ${uri}` });
    expect(checkPastedLine(`https://127.0.0.1:8443/other?code=abc&state=${STATE}`, uri, STATE)).toMatchObject({ kind: 'not-a-redirect' });
  });

  it('listens only on loopback hosts', () => {
    expect(loopbackHost('http://127.0.0.1:1/cb')).toBe('127.0.0.1');
    expect(loopbackHost('http://localhost:1/cb')).toBe('127.0.0.1');
    expect(loopbackHost('http://[::1]:1/cb')).toBe('::1');
    expect(loopbackHost('https://example.com/cb')).toBeUndefined();
  });
});

describe('the loopback server', () => {
  it('answers a wrong state with 400 and keeps waiting; takes the right one; answers only the callback path', async () => {
    const port = await freePort();
    const rejected: string[] = [];
    const loopback = await listenForRedirect({
      redirectUri: `http://127.0.0.1:${port}/cb`, expectedState: STATE, lang: 'ja', onRejected: (why) => rejected.push(why),
    });
    // The login flow answers the browser once the code is exchanged; here, at once.
    void loopback.result.then(() => loopback.answer('success'));
    let settled = false;
    void loopback.result.then(() => { settled = true; });
    try {
      const forged = await get(port, '/cb?code=stolen&state=forged');
      expect(forged.status).toBe(400);
      expect(forged.body).toContain(`<h1>${catalog['loopback.wrongState.title'].ja}</h1><p>${catalog['loopback.wrongState.text'].ja}</p>`);
      expect(forged.headers['cache-control']).toBe('no-store');
      expect(forged.headers['referrer-policy']).toBe('no-referrer');
      expect(rejected).toEqual(['wrong-state']);

      const elsewhere = await get(port, `/favicon.ico?code=abc&state=${STATE}`);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body).toContain(`<h1>${catalog['loopback.notFound.title'].ja}</h1><p></p>`);
      expect((await get(port, `/cb?code=abc&state=${STATE}`, 'POST')).status).toBe(404);
      expect((await get(port, `/cb?state=${STATE}`)).status).toBe(400);
      expect(settled).toBe(false);

      const good = await get(port, `/cb?code=the-code&state=${STATE}`);
      expect(good.status).toBe(200);
      expect(good.body).toContain(`<html lang="ja">`);
      expect(good.body).toContain(`<h1>${catalog['loopback.success.title'].ja}</h1><p>${catalog['loopback.success.text'].ja}</p>`);
      expect(await loopback.result).toEqual({ kind: 'code', code: 'the-code' });
      expect(rejected).toEqual(['wrong-state']);
    } finally {
      await loopback.close();
    }
  });

  it('shows the cancellation page in English and resolves with the denial', async () => {
    const port = await freePort();
    const loopback = await listenForRedirect({ redirectUri: `http://localhost:${port}/cb`, expectedState: STATE, lang: 'en' });
    // The login flow answers the browser once the code is exchanged; here, at once.
    void loopback.result.then(() => loopback.answer('success'));
    try {
      const denied = await get(port, `/cb?error=access_denied&state=${STATE}`);
      expect(denied.status).toBe(200);
      expect(denied.body).toContain(`<h1>${catalog['loopback.denied.title'].en}</h1><p>${catalog['loopback.denied.text'].en}</p>`);
      expect(await loopback.result).toEqual({ kind: 'denied', error: 'access_denied', description: undefined });
    } finally {
      await loopback.close();
    }
  });

  it('a failed exchange shows the waiting browser its page with 400; a second code while one waits is told to wait', async () => {
    const port = await freePort();
    const loopback = await listenForRedirect({ redirectUri: `http://127.0.0.1:${port}/cb`, expectedState: STATE, lang: 'en' });
    try {
      // The first browser request waits for the exchange; a reload with the code meanwhile is not the answer.
      const first = get(port, `/cb?code=the-code&state=${STATE}`);
      expect(await loopback.result).toEqual({ kind: 'code', code: 'the-code' });
      const again = await get(port, `/cb?code=the-code&state=${STATE}`);
      expect(again.status).toBe(200);
      expect(again.body).toContain(`<h1>${catalog['loopback.pending.title'].en}</h1><p>${catalog['loopback.pending.text'].en}</p>`);
      loopback.answer('failed');
      const failed = await first;
      expect(failed.status).toBe(400);
      expect(failed.body).toContain(`<h1>${catalog['loopback.failed.title'].en}</h1><p>${catalog['loopback.failed.text'].en}</p>`);
    } finally {
      await loopback.close();
    }
  });

  it('refuses a redirect URI that is not loopback, and a busy port', async () => {
    await expect(listenForRedirect({ redirectUri: 'https://example.com/cb', expectedState: STATE, lang: 'en' })).rejects.toThrow('not a loopback redirect URI');
    const port = await freePort();
    const first = await listenForRedirect({ redirectUri: `http://127.0.0.1:${port}/cb`, expectedState: STATE, lang: 'en' });
    try {
      await expect(listenForRedirect({ redirectUri: `http://127.0.0.1:${port}/cb`, expectedState: STATE, lang: 'en' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('closing ends a connection still sending its request at once: login does not wait for a half-open browser tab', async () => {
    const port = await freePort();
    const loopback = await listenForRedirect({ redirectUri: `http://127.0.0.1:${port}/cb`, expectedState: STATE, lang: 'en' });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    // Headers begun, never finished: Node would keep this connection until its headers timeout (a minute).
    socket.write('GET /cb?code=c HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await loopback.close();
    await closedByServer;
    expect(socket.destroyed).toBe(true);
  });
});
