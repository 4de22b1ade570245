import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps/deps.js';
import { html } from '../../src/console/html.js';
import type { ConsolePage } from '../../src/console/page.js';
import { cookieValue, hostAllowed, originAllowed, sameSecret } from '../../src/console/security.js';
import { startConsoleServer, type ConsoleServer } from '../../src/console/server.js';
import { Sessions } from '../../src/console/session.js';
import { createTranslator } from '../../src/i18n/translate.js';

/**
 * The console's own guards, on its real HTTP server in this process: the Host (DNS rebinding),
 * the one-time key and the session cookie, the Origin of a write and its form token. Each
 * refusal is told apart by the text the server answers with, so that a request refused by
 * another check than the one under test does not pass for it.
 */
const t = createTranslator('en');
const deps = { t, env: { lang: 'en' }, io: { verbose: () => {} } } as unknown as Deps;
/** Each refusal's text as the page shows it (escaped). */
const shown = (text: string) => html`${text}`.html;
const REFUSED = {
  host: shown(t('console.forbidden.host')), session: shown(t('console.forbidden.session')), origin: shown(t('console.forbidden.origin')), csrf: shown(t('console.forbidden.csrf')),
};

interface Answer { status: number; headers: IncomingMessage['headers']; body: string }

/** A raw request, so that Host and Origin are the test's own (fetch sets its own Host). */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string, setHost = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the console refuses what does not come from its own page, and accepts what does', () => {
  let server: ConsoleServer;
  let cookie: string;
  let csrf: string;
  let host: string;
  const posted: string[] = [];
  const page: ConsolePage = {
    id: 'p', path: '/p', titleKey: 'console.forbidden.title',
    render: async (ctx) => html`<p id="csrf">${ctx.csrf}</p>`,
    actions: { go: async (_ctx, form) => { posted.push(form.get('x') ?? ''); return { redirect: '/p' }; } },
  };
  const get = (path: string, headers: Record<string, string> = {}) => raw(server.port, path, { host, cookie, ...headers });
  const post = (headers: Record<string, string>, body = `x=1&_csrf=${encodeURIComponent(csrf)}`) =>
    raw(server.port, '/p/go', { host, cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, 'POST', body);

  beforeAll(async () => {
    server = await startConsoleServer({ deps, pages: [page], port: 0, idleMs: 60_000 });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => { await server?.close(); });

  it('refuses a wrong key and a missing one, and exchanges the right key once for a session cookie named for its port', async () => {
    const token = server.token;
    expect(token).toMatch(/^[\w-]{43}$/);
    const wrong = await raw(server.port, `/p?token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, { host });
    expect([wrong.status, wrong.body.includes(REFUSED.session)]).toEqual([403, true]);
    const shorter = await raw(server.port, `/p?token=${token.slice(0, -1)}`, { host });
    expect([shorter.status, shorter.body.includes(REFUSED.session)]).toEqual([403, true]);
    const none = await raw(server.port, '/p', { host });
    expect([none.status, none.body.includes(REFUSED.session)]).toEqual([403, true]);
    const right = await raw(server.port, `/p?token=${token}&keep=1`, { host });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/p?keep=1');
    const setCookie = String(right.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^hmcw_console_${server.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    cookie = setCookie.split(';')[0]!;
    // The key works once: the same address a second time opens nothing.
    expect((await raw(server.port, `/p?token=${token}`, { host })).status).toBe(403);
    const shown = await get('/p');
    expect(shown.status).toBe(200);
    csrf = /<p id="csrf">([^<]+)<\/p>/.exec(shown.body)![1]!;
  });

  it('refuses a wrong or missing session cookie', async () => {
    const [name, id] = cookie.split('=') as [string, string];
    for (const bad of [`${name}=${id.slice(0, -1)}x`, `${name}=`, `hmcw_console_1=${id}`, '']) {
      const answer = await raw(server.port, '/p', { host, ...(bad ? { cookie: bad } : {}) });
      expect([answer.status, answer.body.includes(REFUSED.session)], bad).toEqual([403, true]);
    }
    expect((await get('/p', { cookie: `other=1; ${name}=${id}; more=2` })).status).toBe(200);
  });

  it('refuses a foreign Host or none (DNS rebinding), whatever the cookie; accepts 127.0.0.1 and localhost on any port', async () => {
    for (const foreign of [`evil.example:${server.port}`, `127.0.0.1.evil.example:${server.port}`, `evil.127.0.0.1:${server.port}`, '127.0.0.1:123456', '127.0.0.1:', '[::1]']) {
      const answer = await get('/p', { host: foreign });
      expect([answer.status, answer.body.includes(REFUSED.host)], foreign).toEqual([403, true]);
    }
    // HTTP/1.1 without a Host: Node's server refuses it before the console sees it (the guard itself is tested below).
    expect((await raw(server.port, '/p', { cookie }, 'GET', undefined, false)).status).toBe(400);
    for (const local of ['localhost:18080', 'LOCALHOST', '127.0.0.1', host]) expect((await get('/p', { host: local })).status, local).toBe(200);
  });

  it('refuses a write from a foreign Origin, without one, or with a null Origin not vouched for by the browser', async () => {
    const before = posted.length;
    for (const headers of [
      { origin: 'http://evil.example' }, { origin: `https://${host}` }, { origin: `http://localhost:${server.port}` }, { origin: `http://${host}.evil.example` },
      {}, { origin: 'null' }, { origin: 'null', 'sec-fetch-site': 'cross-site' }, { origin: 'null', 'sec-fetch-site': 'same-site' },
    ] as Record<string, string>[]) {
      const answer = await post(headers);
      expect([answer.status, answer.body.includes(REFUSED.origin)], JSON.stringify(headers)).toEqual([403, true]);
    }
    expect(posted).toHaveLength(before);
  });

  it('refuses a write from its own origin without this session\'s form token', async () => {
    const before = posted.length;
    for (const body of ['x=1', `x=1&_csrf=${encodeURIComponent(csrf.slice(0, -1))}`, `x=1&_csrf=${encodeURIComponent(`${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`)}`]) {
      const answer = await post({ origin: `http://${host}` }, body);
      expect([answer.status, answer.body.includes(REFUSED.csrf)], body).toEqual([403, true]);
    }
    expect(posted).toHaveLength(before);
  });

  it('accepts a write from its own origin (any case), or a null Origin the browser says is same-origin, with the form token', async () => {
    posted.length = 0;
    for (const headers of [{ origin: `http://${host}` }, { origin: `HTTP://127.0.0.1:${server.port}` }, { origin: 'null', 'sec-fetch-site': 'same-origin' }] as Record<string, string>[]) {
      const answer = await post(headers);
      expect([answer.status, answer.headers.location], JSON.stringify(headers)).toEqual([303, '/p']);
    }
    const viaLocalhost = await post({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` });
    expect(viaLocalhost.status).toBe(303);
    expect(posted).toEqual(['1', '1', '1', '1']);
  });
});

describe('the guards one by one', () => {
  const req = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;

  it('a Host is 127.0.0.1 or localhost, with at most a 5-digit port', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:65535' }))).toBe(true);
    expect(hostAllowed(req({ host: 'localhost' }))).toBe(true);
    expect(hostAllowed(req({ host: '127.0.0.1:655350' }))).toBe(false);
    expect(hostAllowed(req({ host: 'x127.0.0.1' }))).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1x' }))).toBe(false);
    expect(hostAllowed(req({ host: '127a0a0a1' }))).toBe(false);
    expect(hostAllowed(req({}))).toBe(false);
  });

  it('an Origin needs a Host to compare with', () => {
    expect(originAllowed(req({ origin: 'http://127.0.0.1:1', host: '127.0.0.1:1' }))).toBe(true);
    expect(originAllowed(req({ origin: 'http://127.0.0.1:1' }))).toBe(false);
    expect(originAllowed(req({ origin: 'null', 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(originAllowed(req({ host: '127.0.0.1:1', 'sec-fetch-site': 'same-origin' }))).toBe(false);
  });

  it('a secret is equal only in full; none is never equal', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret('abcd', 'abc')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
    expect(sameSecret(undefined, '')).toBe(false);
  });

  it('a cookie is read by its exact name, its value trimmed; a part without "=" is no cookie', () => {
    expect(cookieValue(req({ cookie: 'a=1; name = v=2 ;b=3' }), 'name')).toBe('v=2');
    expect(cookieValue(req({ cookie: 'namex=1; xname=2' }), 'name')).toBeUndefined();
    expect(cookieValue(req({ cookie: 'namex' }), 'name')).toBeUndefined();
    expect(cookieValue(req({ cookie: '=1' }), '')).toBeUndefined();
    expect(cookieValue(req({}), 'name')).toBeUndefined();
  });

  it('a key is exchanged once; a session is found by its id only; a flash is shown once', () => {
    const sessions = new Sessions(4321);
    expect(sessions.cookieName).toBe('hmcw_console_4321');
    const key = sessions.token;
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(sessions.exchange('')).toBeUndefined();
    const id = sessions.exchange(key)!;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(sessions.token).toBe('');
    expect(sessions.exchange(key)).toBeUndefined();
    expect(sessions.exchange('')).toBeUndefined();
    const session = sessions.find(id)!;
    expect(session.csrf).toMatch(/^[\w-]{43}$/);
    expect(session.csrf).not.toBe(id);
    expect(sessions.find(undefined)).toBeUndefined();
    expect(sessions.find(key)).toBeUndefined();
    session.flash = { kind: 'ok', text: 'done' };
    expect(sessions.takeFlash(session)).toEqual({ kind: 'ok', text: 'done' });
    expect(sessions.takeFlash(session)).toBeUndefined();
  });
});
