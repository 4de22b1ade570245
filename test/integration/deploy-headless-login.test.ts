import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/server.js';
import { BIN } from '../helpers/run-cli.js';
import { systemTool } from '../helpers/system.js';

// "Setting it up for real", rehearsed on a machine with no browser: the built CLI's own login
// flow against `sandbox --auto-consent`, driven by the shell block docs/sandbox.md shows, as
// written. curl stands in for the browser: it fetches the consent URL and follows the redirect
// to the CLI's loopback.
const curl = systemTool('curl', 'curl');
const DOC = fileURLToPath(new URL('../../docs/sandbox.md', import.meta.url));

function documentedLoginScript(): string {
  const text = readFileSync(DOC, 'utf8');
  const block = /<!-- test: headless-login -->\n```sh\n([\s\S]*?)\n```/.exec(text);
  if (!block) throw new Error(`${DOC} has no "<!-- test: headless-login -->" sh block`);
  return block[1]!;
}

/** The sandbox command as a user starts it, its stdout in sandbox.env and its stderr in sandbox.log. */
async function startSandboxCommand(dir: string) {
  const out = openSync(join(dir, 'sandbox.env'), 'w');
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--auto-consent'], {
    env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', out, 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      writeFileSync(join(dir, 'sandbox.log'), log);
      if (log.includes('Press Ctrl-C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${log}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { log: () => log, async stop() { child.kill('SIGINT'); return exited; } };
}

describe.skipIf(!curl.available)(`a login with no browser against sandbox --auto-consent${curl.available ? '' : ` (${curl.reason})`}`, () => {
  it('the documented script logs in through the CLI\'s own flow: loopback, PKCE, tokens in the file store', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-headless-'));
    const shims = join(dir, 'bin');
    mkdirSync(shims);
    writeFileSync(join(shims, 'himanager-chatwork'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
    chmodSync(join(shims, 'himanager-chatwork'), 0o755);
    const sandbox = await startSandboxCommand(dir);
    try {
      expect(sandbox.log()).toContain('Consent is approved automatically');
      const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
      const result = spawnSync('bash', ['-c', documentedLoginScript()], {
        cwd: dir, encoding: 'utf8', timeout: 60_000,
        env: { ...env, PATH: `${shims}:${process.env.PATH}`, HOME: dir, LANG: 'en_US.UTF-8', HIMANAGER_CHATWORK_CLIENT_SECRET: '' },
      });
      const loginLog = existsSync(join(dir, 'login.log')) ? readFileSync(join(dir, 'login.log'), 'utf8') : '';
      expect(result.status, `${result.stderr}\n${loginLog}`).toBe(0);
      expect(loginLog).toContain('Connected to Chatwork as HiManager通知 (account 1000001)');
      expect(result.stdout).toMatch(/OAuth client:\s+sandbox-demo-client/);
      expect(result.stdout).toContain(`file: ${join(dir, 'rehearsal-config', 'secrets.json')}`);
      const secrets = JSON.parse(readFileSync(join(dir, 'rehearsal-config', 'secrets.json'), 'utf8')) as Record<string, string>;
      expect(JSON.parse(secrets.tokens!)).toMatchObject({ refreshToken: expect.any(String), scope: expect.arrayContaining(['offline_access']) });
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });
});

describe('the sandbox\'s consent page', () => {
  async function getAuthorize(autoConsent: boolean, redirectUri?: string) {
    const sandbox = await startSandbox({ autoConsent });
    try {
      const url = new URL(sandbox.authorizeUrl);
      url.search = new URLSearchParams({
        response_type: 'code', client_id: sandbox.client.clientId, redirect_uri: redirectUri ?? sandbox.client.redirectUri,
        scope: 'offline_access rooms.all:read_write', state: 's-123', code_challenge: 'A'.repeat(43), code_challenge_method: 'S256',
      }).toString();
      const response = await fetch(url, { redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location'), body: await response.text(), codes: sandbox.control.state.codes };
    } finally {
      await sandbox.stop();
    }
  }

  it('asks 許可する / キャンセル by default: a GET alone approves nothing', async () => {
    const page = await getAuthorize(false);
    expect(page.status).toBe(200);
    expect(page.body).toContain('許可する');
    expect(page.codes.size).toBe(0);
  });

  it('with autoConsent, a GET redirects at once with a fresh code and the state', async () => {
    const page = await getAuthorize(true);
    expect(page.status).toBe(302);
    const location = new URL(page.location!);
    expect(`${location.origin}${location.pathname}`).toBe('https://127.0.0.1:8976/oauth2/chatwork/');
    expect(location.searchParams.get('state')).toBe('s-123');
    const code = location.searchParams.get('code')!;
    expect(page.codes.get(code)).toMatchObject({ clientId: 'sandbox-demo-client', used: false, codeChallenge: 'A'.repeat(43) });
  });

  it('with autoConsent, a request Chatwork would refuse is still refused, with no code', async () => {
    const page = await getAuthorize(true, 'https://127.0.0.1:9999/elsewhere/');
    expect(page.status).toBe(400);
    expect(page.body).toContain('data-error-code="15000"');
    expect(page.codes.size).toBe(0);
  });
});
