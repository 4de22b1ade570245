import { readState, withStore } from '../helpers/state.js';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer as createNetServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { consent, getLoopback } from '../helpers/fake-browser.js';
import { createGatedClock } from '../helpers/gated-clock.js';
import { startCli } from '../helpers/live-cli.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** A client registered for a fresh loopback port, and a config dir for one login. */
async function fixture() {
  const port = await freePort();
  const redirectUri = `https://127.0.0.1:${port}/oauth2/chatwork/`;
  const client = sandbox.control.registerClient({ name: 'HiManager', redirectUris: [redirectUri] });
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-login-'));
  const args = ['--config-dir', configDir, '--secret-store', 'file', 'auth', 'login', '--client-id', client.clientId,
    '--redirect-uri', redirectUri, '--no-browser', '--timeout', '20'];
  const env = { ...sandbox.env, HIMANAGER_CHATWORK_CLIENT_SECRET: client.clientSecret };
  return { port, redirectUri, client, configDir, args, env };
}

const urlLine = /^http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?/;

describe('auth login against the sandbox', () => {
  it('catches the redirect on the https loopback, saves everything, and says who is connected', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    const authorizeUrl = await cli.waitForErr(urlLine);
    expect(authorizeUrl).toContain('code_challenge_method=S256');
    expect(new URL(authorizeUrl).searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const location = await consent(sandbox, authorizeUrl, 'allow');
    const landing = await getLoopback(location, f.configDir);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('Go back to the terminal');
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Connected to Chatwork as HiManager通知 (account 1000001). Notifications will be sent from this account.');
    expect(result.stderr).toContain('certificate of 127.0.0.1');
    expect(result.stderr).toContain('valid for one minute');
    const settings = await readState(f.configDir);
    expect(settings).toMatchObject({ clientId: f.client.clientId, redirectUri: f.redirectUri, account: { accountId: 1_000_001, name: 'HiManager通知' } });
    // The raw database file, not only what the store hands back: no secret in the state.
    expect(readFileSync(join(f.configDir, 'state.db')).toString('latin1')).not.toContain(f.client.clientSecret);
    expect(statSync(join(f.configDir, 'loopback-key.pem')).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(join(f.configDir, 'secrets.json'), 'utf8'));
    expect(secrets['client-secret']).toBe(f.client.clientSecret);
    expect(JSON.parse(secrets.tokens).scope).toEqual(['offline_access', 'users.all:read', 'rooms.all:read_write', 'contacts.all:read_write']);
    expect(result.stdout + result.stderr).not.toContain(JSON.parse(secrets.tokens).refreshToken);
    expect(await isListening(f.port)).toBe(false);
  });

  it('answers a wrong state with a 400 page and keeps waiting for the right one', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    const authorizeUrl = await cli.waitForErr(urlLine);
    const location = new URL(await consent(sandbox, authorizeUrl, 'allow'));
    const forged = new URL(location);
    forged.searchParams.set('state', 'forged-state-from-an-attacker');
    const rejected = await getLoopback(forged.toString(), f.configDir);
    expect(rejected.status).toBe(400);
    expect(rejected.body).toContain('state does not match');
    await cli.waitForErr(/Ignored a redirect whose state does not match/);
    expect((await getLoopback(location.toString(), f.configDir)).status).toBe(200);
    expect((await cli.result).code).toBe(0);
  });

  it('answers only the callback path', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    await cli.waitForErr(urlLine);
    expect((await getLoopback(`https://127.0.0.1:${f.port}/favicon.ico`, f.configDir)).status).toBe(404);
    cli.interrupt();
    expect((await cli.result).code).toBe(ExitCode.cancelled);
  });

  it('ends cleanly when キャンセル is pressed (exit 4), leaving nothing listening', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    const location = await consent(sandbox, await cli.waitForErr(urlLine), 'deny');
    expect((await getLoopback(location, f.configDir)).body).toContain('cancelled');
    const result = await cli.result;
    expect(result.code).toBe(ExitCode.auth);
    // Said in words; Chatwork's own code (access_denied) only with --verbose.
    expect(result.stderr).toContain('the authorization was not allowed in Chatwork.');
    expect(result.stderr).not.toContain('access_denied');
    expect(existsSync(join(f.configDir, 'secrets.json')) && JSON.parse(readFileSync(join(f.configDir, 'secrets.json'), 'utf8')).tokens).toBeFalsy();
    expect(await isListening(f.port)).toBe(false);
  });

  it('times out (exit 4) and stops listening', async () => {
    const f = await fixture();
    const clock = createGatedClock();
    const cli = startCli([...f.args.slice(0, -1), '1'], { env: f.env, clock });
    await cli.waitForErr(urlLine);
    // Still listening: its second has not passed, however slow this machine is.
    expect(await isListening(f.port)).toBe(true);
    expect(clock.sleeps).toEqual([1_000, 500]);
    clock.elapse();
    const result = await cli.result;
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stderr).toContain('no authorization arrived within 1 s');
    expect(await isListening(f.port)).toBe(false);
  });

  it('stops on Ctrl-C with exit 130 and nothing listening', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    await cli.waitForErr(urlLine);
    cli.interrupt();
    expect((await cli.result).code).toBe(ExitCode.cancelled);
    expect(await isListening(f.port)).toBe(false);
  });

  it('says so when the code has expired (it lives one minute)', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    const location = await consent(sandbox, await cli.waitForErr(urlLine), 'allow');
    sandbox.control.setClockOffset(61_000);
    await getLoopback(location, f.configDir);
    const result = await cli.result;
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stderr).toContain('rejected the authorization code: it has expired or was already used');
    expect(result.stderr).not.toContain('invalid_grant');
    expect(result.stderr).toContain('valid for one minute and only once');
  });

  it('falls back to paste mode when the port is busy, and takes the pasted URL', async () => {
    const f = await fixture();
    const squatter = createNetServer();
    await new Promise<void>((resolve) => squatter.listen(f.port, '127.0.0.1', resolve));
    try {
      const cli = startCli(f.args, { env: f.env });
      await cli.waitForErr(/port \d+ of the redirect URI is already in use/);
      const location = await consent(sandbox, await cli.waitForErr(urlLine), 'allow');
      cli.write('not a url\n');
      await cli.waitForErr(/That is not the redirected URL/);
      cli.write(`${location}\n`);
      const result = await cli.result;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('Connected to Chatwork as HiManager通知');
    } finally {
      squatter.close();
    }
  });

  it('takes the secret from the first stdin line and the pasted URL from the next (--client-secret-stdin)', async () => {
    const f = await fixture();
    const env = { ...sandbox.env };
    const cli = startCli([...f.args, '--client-secret-stdin'], { env });
    cli.write(`${f.client.clientSecret}\n`);
    const location = await consent(sandbox, await cli.waitForErr(urlLine), 'allow');
    cli.write(`${location}\n`);
    cli.endInput();
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(f.client.clientSecret);
  });

  it('refuses a pasted URL with the wrong state and waits for a good one', async () => {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    const location = new URL(await consent(sandbox, await cli.waitForErr(urlLine), 'allow'));
    const forged = new URL(location);
    forged.searchParams.set('state', 'x');
    cli.write(`${forged.href}\n`);
    await cli.waitForErr(/state does not match/);
    cli.write(`${location.href}\n`);
    expect((await cli.result).code).toBe(0);
  });

  it('asks for what it cannot prompt for off a terminal, naming the flag (exit 2)', async () => {
    const f = await fixture();
    const noId = await runCli(['--config-dir', f.configDir, '--secret-store', 'file', 'auth', 'login', '--no-browser'], { env: sandbox.env });
    expect(noId.code).toBe(ExitCode.usage);
    expect(noId.stderr).toContain('--client-id');
    const noSecret = await runCli(f.args, { env: sandbox.env });
    expect(noSecret.code).toBe(ExitCode.usage);
    expect(noSecret.stderr).toContain('--client-secret-stdin');
    const badTimeout = await runCli([...f.args.slice(0, -1), 'soon'], { env: f.env });
    expect(badTimeout.stderr).toContain('--timeout must be a whole number');
  });
});

describe('auth status and logout', () => {
  async function loggedIn() {
    const f = await fixture();
    const cli = startCli(f.args, { env: f.env });
    await getLoopback(await consent(sandbox, await cli.waitForErr(urlLine), 'allow'), f.configDir);
    expect((await cli.result).code).toBe(0);
    return { ...f, base: ['--config-dir', f.configDir, '--secret-store', 'file'] };
  }

  it('shows the account, scopes, expiry and where secrets live, refreshing to prove the refresh token', async () => {
    const f = await loggedIn();
    for (let i = 0; i < 2; i++) {
      const result = await runCli([...f.base, 'auth', 'status', '--json'], { env: sandbox.env });
      expect(result.code).toBe(0);
      const status = JSON.parse(result.stdout);
      expect(status).toMatchObject({
        loggedIn: true, account: { accountId: 1_000_001, name: 'HiManager通知' },
        scopes: { missing: [] }, secretStore: { backend: 'file', location: join(f.configDir, 'secrets.json') },
      });
    }
    const text = await runCli([...f.base, '--lang', 'ja', 'auth', 'status'], { env: sandbox.env });
    expect(text.stdout).toContain('アカウント:       HiManager通知');
  });

  it('exits 4 when not logged in, or when the refresh token was revoked', async () => {
    const empty = await runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-')), '--secret-store', 'file', 'auth', 'status'], { env: sandbox.env });
    expect(empty.code).toBe(ExitCode.auth);
    const f = await loggedIn();
    sandbox.control.revokeGrants();
    const revoked = await runCli([...f.base, 'auth', 'status'], { env: sandbox.env });
    expect(revoked.code).toBe(ExitCode.auth);
    expect(revoked.stderr).toContain('rejected the refresh token');
  });

  it('logs out with --yes, keeping links and destinations; needs --yes off a terminal', async () => {
    const f = await loggedIn();
    const refused = await runCli([...f.base, 'auth', 'logout'], { env: sandbox.env });
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('--yes');
    await withStore(f.configDir, (store) => store.destinations.set('praise', 'dm'));
    expect((await runCli([...f.base, 'auth', 'logout', '--yes'], { env: sandbox.env })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(f.configDir, 'secrets.json'), 'utf8'))).toEqual({});
    const settings = await readState(f.configDir);
    expect(settings.destinations).toEqual({ praise: 'dm' });
    expect(settings.account).toBeUndefined();
    expect((await runCli([...f.base, 'auth', 'status'], { env: sandbox.env })).code).toBe(ExitCode.auth);
    expect((await runCli([...f.base, 'auth', 'logout', '--yes', '--purge'], { env: sandbox.env })).code).toBe(0);
    expect((await readState(f.configDir)).destinations).toEqual({});
  });
});

describe('a rejected client secret is asked again (item 3)', () => {
  /** A browser that clicks 許可する and records what the loopback page said. */
  function clickingBrowser(configDir: string) {
    const pages: { status: number; body: string }[] = [];
    return {
      pages,
      browser: {
        async open(url: string) {
          void (async () => { pages.push(await getLoopback(await consent(sandbox, url, 'allow'), configDir)); })();
          return true;
        },
      },
    };
  }

  it('auth login: the stored secret rejected, it asks for the current one; --new-secret asks up front', async () => {
    const { scriptedPrompter } = await import('../helpers/scripted-prompter.js');
    const f = await fixture();
    const args = f.args.filter((a) => a !== '--no-browser');
    // A person at a desktop: a display, and not a CI job (where the CLI never opens a browser).
    const env = { ...sandbox.env, DISPLAY: ':0', CI: '', SSH_CONNECTION: '', SSH_TTY: '', SSH_CLIENT: '', container: '', KUBERNETES_SERVICE_HOST: '' };
    // A first login stores the secret; then it is "rotated" in Chatwork: the stored one is now wrong.
    const first = clickingBrowser(f.configDir);
    expect((await runCli(args, { env, tty: true, overrides: { browser: first.browser, prompts: scriptedPrompter([f.client.clientSecret]) } })).code).toBe(0);
    const secretsFile = join(f.configDir, 'secrets.json');
    const stored = JSON.parse(readFileSync(secretsFile, 'utf8'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(secretsFile, JSON.stringify({ ...stored, 'client-secret': 'rotated-away-000' }), { mode: 0o600 });

    const second = clickingBrowser(f.configDir);
    const prompts = scriptedPrompter([f.client.clientSecret]);
    const result = await runCli(['--lang', 'ja', ...args], { env, tty: true, overrides: { browser: second.browser, prompts } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('保存されているクライアントシークレットをChatworkが受け付けませんでした');
    expect(prompts.asked).toHaveLength(1);
    // The browser was never told it worked when it had not; the second time it was.
    expect(second.pages.map((p) => p.status)).toEqual([400, 200]);
    expect(second.pages[0]!.body).toContain('連携できませんでした');
    expect(JSON.parse(readFileSync(secretsFile, 'utf8'))['client-secret']).toBe(f.client.clientSecret);
    expect(result.stderr + result.stdout).not.toContain(f.client.clientSecret);

    const third = clickingBrowser(f.configDir);
    const asked = scriptedPrompter([f.client.clientSecret]);
    expect((await runCli([...args, '--new-secret'], { env, tty: true, overrides: { browser: third.browser, prompts: asked } })).code).toBe(0);
    expect(asked.asked).toHaveLength(1);
  });
});
