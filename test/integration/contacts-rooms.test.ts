import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { ExitCode } from '../../src/errors/index.js';
import { loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

describe('contacts and rooms against the sandbox', () => {
  it('lists the contacts as JSON with the DM room of each', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    const result = await runCli([...args, 'contacts', '--json'], { env });
    expect(result.code).toBe(0);
    const contacts = JSON.parse(result.stdout) as { accountId: number; name: string; dmRoomId: number }[];
    expect(contacts).toHaveLength(30);
    expect(contacts.find((c) => c.name === '髙橋 一郎')).toMatchObject({ accountId: 2_000_003, dmRoomId: expect.any(Number) });
  });

  it('prints a table aligned for Japanese names, in Japanese', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    const result = await runCli([...args, '--lang', 'ja', 'contacts'], { env });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^アカウントID\s+Chatwork ID\s+名前/);
    expect(lines).toHaveLength(31);
  });

  it('marks the rooms where the account cannot post', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    const json = JSON.parse((await runCli([...args, 'rooms', '--json'], { env })).stdout) as { name: string; role: string; canPost: boolean }[];
    expect(json.find((r) => r.name === '経営会議')).toMatchObject({ role: 'readonly', canPost: false });
    expect(json.every((r) => r.name !== '')).toBe(true);
    const text = await runCli([...args, 'rooms'], { env });
    expect(text.stdout).toMatch(/経営会議\s+readonly\s+cannot post \(readonly\)/);
  });

  it('refreshes an expired access token on its own, and saves the rotated refresh token', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    sandbox.control.expireAccessTokens();
    expect((await runCli([...args, 'contacts', '--json'], { env })).code).toBe(0);
    sandbox.control.expireAccessTokens();
    // Works a second time only if the first refresh saved the new refresh token.
    expect((await runCli([...args, 'rooms', '--json'], { env })).code).toBe(0);
  });

  it('exits 4 with the fix when the connection was revoked', async () => {
    const { env, args } = await loggedInConfigDir(sandbox);
    sandbox.control.revokeGrants();
    const result = await runCli([...args, 'contacts'], { env });
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stderr).toContain('rejected the refresh token');
    expect(result.stderr).toContain('himanager-chatwork auth login');
  });

  it('never prints a token, even with --verbose', async () => {
    const { env, args, configDir } = await loggedInConfigDir(sandbox);
    sandbox.control.expireAccessTokens();
    const result = await runCli([...args, '--verbose', 'contacts'], { env });
    const { readFileSync } = await import('node:fs');
    const secrets = JSON.parse(readFileSync(`${configDir}/secrets.json`, 'utf8')) as Record<string, string>;
    const tokens = JSON.parse(secrets.tokens!) as { accessToken: string; refreshToken: string };
    const output = result.stdout + result.stderr;
    expect(result.stderr).toContain('[verbose] GET /contacts -> 200');
    for (const secret of [tokens.accessToken, tokens.refreshToken, secrets['client-secret']!]) expect(output).not.toContain(secret);
  });
});
