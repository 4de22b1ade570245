import { withFileLock } from '../../src/store/lock.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseExpiresIn, TokenManager, type StoredTokens } from '../../src/chatwork/tokens.js';
import { openFileStore } from '../../src/store/secrets/file.js';
import { systemClock } from '../../src/io/clock.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve()));

/** A token endpoint with strict rotation: every refresh token works once. */
async function rotatingTokenServer(delayMs: number) {
  let next = 1;
  const valid = new Set(['refresh-0']);
  const seen: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => setTimeout(() => {
      const form = new URLSearchParams(body);
      const presented = form.get('refresh_token') ?? '';
      seen.push(presented);
      res.setHeader('content-type', 'application/json');
      if (!valid.delete(presented)) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'spent', error_uri: null }));
      }
      const n = next++;
      valid.add(`refresh-${n}`);
      res.end(JSON.stringify({ access_token: `access-${n}`, token_type: 'Bearer', expires_in: 1800, refresh_token: `refresh-${n}` }));
    }, delayMs));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, seen };
}

function expiredTokens(): string {
  const tokens: StoredTokens = { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: 0, scope: [], obtainedAt: 0 };
  return JSON.stringify(tokens);
}

describe('token refresh', () => {
  it('reads expires_in as a number or a string, and a bad one as short', () => {
    expect(parseExpiresIn(1800)).toBe(1800);
    expect(parseExpiresIn('900')).toBe(900);
    expect(parseExpiresIn('soon')).toBe(300);
  });

  it('is done once when many requests in one process need it at the same moment', async () => {
    const token = await rotatingTokenServer(50);
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-tok-'));
    const secrets = openFileStore(dir);
    await secrets.set('tokens', expiredTokens());
    const { createOAuthClient } = await import('../../src/chatwork/client/index.js');
    const oauth = createOAuthClient({ tokenUrl: token.url, clientId: 'c', clientSecret: async () => 's', clock: systemClock });
    const manager = new TokenManager({ secrets, clock: systemClock, withLock: (fn) => withFileLock(join(dir, 'token.lock'), systemClock, 30_000, fn), refresh: (r) => oauth.refresh(r) });
    const results = await Promise.all(Array.from({ length: 5 }, () => manager.accessToken()));
    expect(new Set(results)).toEqual(new Set(['access-1']));
    expect(token.seen).toEqual(['refresh-0']);
  });

  it('is serialised across processes: two cron jobs do not spend the same rotating refresh token', async () => {
    const token = await rotatingTokenServer(300);
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-tok-'));
    await openFileStore(dir).set('tokens', expiredTokens());
    const script = `
      const { TokenManager } = await import(${JSON.stringify(new URL('../../dist/chatwork/tokens.js', import.meta.url).href)});
      const { createOAuthClient } = await import(${JSON.stringify(new URL('../../dist/chatwork/client/index.js', import.meta.url).href)});
      const { openFileStore } = await import(${JSON.stringify(new URL('../../dist/store/secrets/file.js', import.meta.url).href)});
      const { systemClock } = await import(${JSON.stringify(new URL('../../dist/io/clock.js', import.meta.url).href)});
      const { withFileLock } = await import(${JSON.stringify(new URL('../../dist/store/lock.js', import.meta.url).href)});
      const dir = ${JSON.stringify(dir)};
      const oauth = createOAuthClient({ tokenUrl: ${JSON.stringify(token.url)}, clientId: 'c', clientSecret: async () => 's', clock: systemClock });
      const m = new TokenManager({ secrets: openFileStore(dir), clock: systemClock, withLock: (fn) => withFileLock(dir + '/token.lock', systemClock, 30_000, fn), refresh: (r) => oauth.refresh(r) });
      process.stdout.write(await m.accessToken());
    `;
    const run = () => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => { out += c; });
      child.stderr.on('data', (c) => { err += c; });
      child.on('close', (code) => code === 0 ? resolve(out) : reject(new Error(err)));
    });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a, b]).toEqual(['access-1', 'access-1']);
    expect(token.seen).toEqual(['refresh-0']);
    const saved = JSON.parse(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).tokens) as StoredTokens;
    expect(saved.refreshToken).toBe('refresh-1');
  });
});
