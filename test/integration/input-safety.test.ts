import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
let server: Server | undefined;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());
afterEach(() => new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve()));

async function demo() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], stdin?: string | Buffer, env: NodeJS.ProcessEnv = {}) => runCli([...login.args, ...args], { env: { ...login.env, ...env }, stdin });
  await setUpDemo(sandbox, cli, () => ({ survey: 'dm', 'update-survey': 'dm', praise: 'dm' }));
  return { ...login, cli };
}

/** An HTTP server on 127.0.0.1 that answers every request with `answer`, recording the headers it got. */
async function serve(answer: (res: import('node:http').ServerResponse) => void) {
  const seen: import('node:http').IncomingHttpHeaders[] = [];
  server = createServer((req, res) => { seen.push(req.headers); answer(res); });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/export`, seen };
}

const TITLE = '12月 エンゲージメントサーベイ（髙橋・﨑・①）';
const CSV = `id,type,to,title\r\nsjis-1,survey,E0001,${TITLE}\r\n`;
const dir = () => mkdtempSync(join(tmpdir(), 'hmcw-input-'));

describe('reminders input: one decoder for file, stdin and URL', () => {
  it('reads a Shift_JIS (CP932) CSV alike through all three paths', async () => {
    const { cli } = await demo();
    const bytes = iconv.encode(CSV, 'cp932');
    const file = join(dir(), 'reminders.csv');
    writeFileSync(file, bytes);
    const bodies: string[] = [];
    const titleOf = (stdout: string) => (JSON.parse(stdout) as { deliveries: { body: string }[] }).deliveries[0]!.body;
    const viaFile = await cli(['send-reminders', '--input', file, '--dry-run', '--json']);
    expect(viaFile.stderr).toBe('');
    bodies.push(titleOf(viaFile.stdout));
    bodies.push(titleOf((await cli(['send-reminders', '--input', '-', '--dry-run', '--json'], bytes)).stdout));
    const plain = await serve((res) => { res.setHeader('content-type', 'text/csv'); res.end(bytes); });
    bodies.push(titleOf((await cli(['send-reminders', '--input', plain.url, '--dry-run', '--json'])).stdout));
    server!.close();
    const declared = await serve((res) => { res.setHeader('content-type', 'text/csv; charset=Shift_JIS'); res.end(bytes); });
    bodies.push(titleOf((await cli(['send-reminders', '--input', declared.url, '--dry-run', '--json'])).stdout));
    for (const body of bodies) expect(body).toContain(TITLE);
    // And it is delivered as written, not as mojibake.
    expect((await cli(['send-reminders', '--input', file])).code).toBe(0);
    expect(sandbox.control.rooms().flatMap((r) => r.messages).some((m) => m.body.includes(TITLE))).toBe(true);
  });

  it('refuses bytes that are invalid in the encoding found or declared (exit 2), from every path', async () => {
    const { cli } = await demo();
    const broken = Buffer.concat([iconv.encode(CSV, 'cp932'), Buffer.from([0x82, 0x0a, 0xff, 0xfd])]);
    const file = join(dir(), 'broken.csv');
    writeFileSync(file, broken);
    const fromFile = await cli(['send-reminders', '--input', file, '--dry-run']);
    expect(fromFile.code).toBe(ExitCode.usage);
    expect(fromFile.stderr).toContain('not valid Shift_JIS (CP932)');
    expect((await cli(['send-reminders', '--input', '-', '--dry-run'], broken)).code).toBe(ExitCode.usage);
    const utf8Declared = await serve((res) => { res.setHeader('content-type', 'text/csv; charset=utf-8'); res.end(iconv.encode(CSV, 'cp932')); });
    const fromUrl = await cli(['send-reminders', '--input', utf8Declared.url, '--dry-run']);
    expect(fromUrl.code).toBe(ExitCode.usage);
    expect(fromUrl.stderr).toContain('not valid UTF-8');
  });

  it.each([
    ['a 0-byte file', ''],
    ['only whitespace', '\n \r\n'],
    ['a CSV header with no rows', 'id,type,to,title\r\n'],
    ['an empty JSON array', '[]'],
    ['an HTML login page', '<!DOCTYPE html><html><body>Sign in</body></html>'],
    ['an XML error', '<?xml version="1.0"?><Error>AccessDenied</Error>'],
  ])('does not read %s as "delivered 0": exit 2 with the reason', async (_case, content) => {
    const { cli } = await demo();
    const file = join(dir(), 'reminders.txt');
    writeFileSync(file, content);
    const result = await cli(['send-reminders', '--input', file]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/has no reminders|is not JSON, NDJSON or CSV/);
    expect(sandbox.control.rooms().flatMap((r) => r.messages)).toEqual([]);
  });

  it('accepts an intentionally empty batch with --allow-empty', async () => {
    const { cli } = await demo();
    const file = join(dir(), 'empty.json');
    writeFileSync(file, '[]');
    const posted = () => sandbox.control.rooms().flatMap((r) => r.messages).length;
    const before = posted();
    const result = await cli(['send-reminders', '--input', file, '--allow-empty', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).messages).toMatchObject({ delivered: 0, failed: 0 });
    expect(posted()).toBe(before);
  });
});

describe('secrets and credentials in error output', () => {
  it('refuses a header value with a line break (exit 2) and never prints the value', async () => {
    const { cli } = await demo();
    const { url, seen } = await serve((res) => res.end('[]'));
    for (const token of ['tok-secret-1\r\nX-Injected: 1', 'tok-secret-2\nmore', 'tok-secret-3\u0000']) {
      const result = await cli(['send-reminders', '--input', url, '--header', 'Authorization: Bearer ${EXPORT_TOKEN}'], undefined, { EXPORT_TOKEN: token });
      expect(result.code).toBe(ExitCode.usage);
      expect(result.stderr).toContain('--header Authorization');
      expect(result.stderr).not.toMatch(/tok-secret/);
    }
    expect(seen).toEqual([]);
  });

  it('expands only ${NAME} in headers: a literal $HOME is sent as written', async () => {
    const { cli } = await demo();
    const { url, seen } = await serve((res) => res.end(JSON.stringify([{ id: 'h-1', type: 'survey', to: 'E0001', title: 't' }])));
    const result = await cli(['send-reminders', '--input', url, '--dry-run', '--header', 'X-Key: abc$HOME', '--header', 'X-Token: ${EXPORT_TOKEN}'], undefined, { EXPORT_TOKEN: 'from-env' });
    expect(result.code).toBe(0);
    expect(seen[0]!['x-key']).toBe('abc$HOME');
    expect(seen[0]!['x-token']).toBe('from-env');
  });

  it('hides URL credentials and query values, and header values, in every error', async () => {
    const { cli } = await demo();
    const { url } = await serve((res) => { res.statusCode = 403; res.end('denied'); });
    const withSecrets = url.replace('http://', 'http://hr:pw-secret@') + '?api_key=key-secret&x=1';
    const cred = await cli(['send-reminders', '--input', withSecrets]);
    expect(cred.code).toBe(ExitCode.usage);
    expect(cred.stderr).not.toMatch(/pw-secret|key-secret/);
    expect(cred.stderr).toContain('api_key=***');
    const query = await cli(['send-reminders', '--input', `${url}?api_key=key-secret`, '--header', 'Authorization: Bearer hdr-secret-value']);
    expect(query.code).toBe(ExitCode.usage);
    expect(query.stderr).toContain('HTTP 403');
    expect(query.stderr).not.toMatch(/key-secret|hdr-secret-value/);
  });

  it('masks a refresh token that a token endpoint echoes back in its error', async () => {
    const { args, env, configDir } = await loggedInConfigDir(sandbox);
    const { readFileSync } = await import('node:fs');
    const tokens = JSON.parse((JSON.parse(readFileSync(join(configDir, 'secrets.json'), 'utf8')) as { tokens: string }).tokens) as { refreshToken: string };
    const echo = await serve((res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'invalid_request', error_description: `refresh_token ${tokens.refreshToken} is malformed` }));
    });
    sandbox.control.expireAccessTokens();
    const result = await runCli([...args, '--verbose', 'contacts'], { env: { ...env, CHATWORK_OAUTH_TOKEN_URL: echo.url } });
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain('is malformed');
    expect(result.stderr).not.toContain(tokens.refreshToken);
  });
});
