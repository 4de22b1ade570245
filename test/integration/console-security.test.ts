import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';

/** A raw request, so that the Host header is the test's (fetch sets its own). */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether anything accepts a connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

describe('console security: the key, the cookie, Host, Origin, CSRF, 127.0.0.1 only', () => {
  let h: ConsoleHarness;
  beforeAll(async () => { h = await startConsole({ exchange: false }); });
  afterAll(async () => { await h?.stop(); });

  it('refuses every request without the session cookie (403), assets included', async () => {
    for (const path of ['/', '/connection', '/links', '/assets/console.css']) {
      const answer = await h.request(path);
      expect(answer.status, path).toBe(403);
    }
  });

  it('refuses a wrong key, exchanges the right one once for an HttpOnly SameSite=Strict cookie, and redirects without it', async () => {
    expect((await fetch(`${h.origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(403);
    const first = await fetch(h.tokenUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^hmcw_console_${h.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    // The same URL a second time (a scrollback, a shell history) opens nothing.
    expect((await fetch(h.tokenUrl, { redirect: 'manual' })).status).toBe(403);
    const session = cookie.split(';')[0]!;
    const page = await h.request('/connection', { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const text = await page.text();
    // No inline script, no asset from another host.
    expect(text).not.toMatch(/<script(?![^>]*\bsrc="\/assets\/)/);
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);
    Object.assign(h, { cookie: session });
  });

  it('refuses a Host that is not 127.0.0.1 or localhost (DNS rebinding), and accepts localhost on another port (ssh -L)', async () => {
    const cookie = h.cookie;
    expect((await raw(h.port, '/connection', { host: `evil.example:${h.port}`, cookie })).status).toBe(403);
    expect((await raw(h.port, '/connection', { host: `127.0.0.1.evil.example:${h.port}`, cookie })).status).toBe(403);
    expect((await raw(h.port, '/connection', { host: 'localhost:18080', cookie })).status).toBe(200);
    expect((await raw(h.port, '/connection', { host: `127.0.0.1:${h.port}`, cookie })).status).toBe(200);
  });

  it('refuses a POST from another origin, without an Origin, or without the form token (403)', async () => {
    const cookie = h.cookie;
    const form = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const host = `127.0.0.1:${h.port}`;
    expect((await raw(h.port, '/links/unlink', { ...form, host, origin: 'http://evil.example' }, 'POST', 'user=U1')).status).toBe(403);
    expect((await raw(h.port, '/links/unlink', { ...form, host, origin: `http://localhost:${h.port}` }, 'POST', 'user=U1')).status).toBe(403);
    expect((await raw(h.port, '/links/unlink', { ...form, host }, 'POST', 'user=U1')).status).toBe(403);
    // A null Origin (what no-referrer makes a browser send) passes only with the browser's own same-origin mark.
    expect((await raw(h.port, '/links/unlink', { ...form, host, origin: 'null' }, 'POST', 'user=U1')).status).toBe(403);
    expect((await raw(h.port, '/links/unlink', { ...form, host, origin: 'null', 'sec-fetch-site': 'cross-site' }, 'POST', 'user=U1')).status).toBe(403);
    expect((await raw(h.port, '/links/unlink', { ...form, host, origin: `http://${host}` }, 'POST', 'user=U1&_csrf=guess')).status).toBe(403);
    // Everything right but the cookie.
    expect((await raw(h.port, '/links/unlink', { 'content-type': form['content-type'], host, origin: `http://${host}` }, 'POST', 'user=U1')).status).toBe(403);
  });

  it('listens on 127.0.0.1 only: no other address of this machine accepts a connection on its port', async () => {
    expect(await accepts('127.0.0.1', h.port)).toBe(true);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.address !== '127.0.0.1').map((a) => a!.address);
    others.push('::1');
    for (const address of others) expect(await accepts(address, h.port), address).toBe(false);
  });

  it('never writes the key to its log, its run record or the history', async () => {
    const key = new URL(h.tokenUrl).searchParams.get('token')!;
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(h.stderr()).not.toContain(key);
    const runs = await h.cli(['history', 'runs', '--json']);
    expect(runs.stdout + runs.stderr).not.toContain(key);
  });

  it.skipIf(!chromium.available)('in Chromium: the key URL lands on the first page without the key, the cookie is out of script reach, nothing is blocked by the CSP', async () => {
    const again = await startConsole({ exchange: false, sandbox: h.sandbox });
    try {
      const browser = await again.browser();
      const context = await browser.newContext({ locale: 'ja-JP' });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error') violations.push(message.text()); });
      await page.goto(again.tokenUrl);
      expect(page.url()).toBe(`${again.origin}/connection`);
      expect(await page.evaluate('document.cookie')).toBe('');
      expect(await page.locator('h1').textContent()).toBe('連携');
      expect(await page.evaluate('getComputedStyle(document.body).margin')).toBe('0px');
      expect(violations).toEqual([]);
      await context.close();
    } finally {
      await again.stop();
    }
  });
});
