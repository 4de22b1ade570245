import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
let server: Server | undefined;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
afterEach(() => new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve()));

/** Answers 200 and cuts the body: with a Content-Length it never reaches, or with none at all. */
async function cutting(withLength: boolean): Promise<string> {
  const body = JSON.stringify([{ id: 'cut-1', type: 'survey', to: 'P2000001', title: '途中で切れる回答' }, { id: 'cut-2', type: 'survey', to: 'P2000001', title: 'x' }]);
  server = createServer((_req, res) => {
    res.writeHead(200, withLength ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : { 'content-type': 'application/json', connection: 'close' });
    res.write(body.slice(0, 40));
    setTimeout(() => res.socket?.destroy(), 20);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('an HTTP answer cut short says so, never "unexpected error"', () => {
  it('from Chatwork (a body that does not parse)', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    const api = await cutting(false);
    const result = await runCli([...args, 'contacts'], { env: { ...env, CHATWORK_API_URL: `${api}/v2` } });
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain(`the answer from ${api}`);
    expect(result.stderr).toContain('ended before it was complete');
    expect(result.stderr).not.toMatch(/unexpected error/i);
  });

  it.each([true, false])('from the reminders URL (Content-Length given: %s): exit 2, nothing sent', async (withLength) => {
    const { configDir, env, args } = await loggedInConfigDir(sandbox);
    await linkAllContacts(sandbox, configDir);
    const url = `${await cutting(withLength)}/export.json`;
    const result = await runCli([...args, 'send-reminders', '--input', url], { env });
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/ended (before it was complete|after \d+ of \d+ bytes)|not valid JSON/);
    expect(result.stderr).not.toMatch(/unexpected error/i);
    expect(sandbox.control.rooms().flatMap((r) => r.messages)).toEqual([]);
  });
});
