import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { isTempFile, mountTmpfs, tmpfsSkipReason, type Tmpfs } from '../helpers/tmpfs.js';

let sandbox: Sandbox;
let disk: Tmpfs | undefined;
beforeAll(async () => { if (!tmpfsSkipReason) sandbox = await startSandbox(); });
afterAll(async () => { await sandbox?.stop(); });
afterEach(() => { disk?.unmount(); disk = undefined; });

/**
 * A logged-in config dir moved onto a small tmpfs of its own. `stateOnDisk: false` keeps the
 * store (state.db) where it was, so that only the secrets file and token.lock meet the full disk.
 */
async function configOnTmpfs(options: { stateOnDisk?: boolean } = {}) {
  sandbox.control.reset();
  const { configDir, env } = await loggedInConfigDir(sandbox);
  // Room for a logged-in state.db at schema 10 (it grew with each migration), then filled on purpose.
  disk = mountTmpfs(1024);
  const dir = join(disk.dir, 'config');
  cpSync(configDir, dir, { recursive: true, preserveTimestamps: true });
  const state = options.stateOnDisk === false ? ['--state', join(configDir, 'state.db')] : [];
  if (options.stateOnDisk === false) rmSync(join(dir, 'state.db'));
  return { dir, env, args: ['--config-dir', dir, '--secret-store', 'file', ...state] };
}

const leftovers = (dir: string) => readdirSync(dir).filter(isTempFile);

describe.skipIf(tmpfsSkipReason)(`a full or read-only disk${tmpfsSkipReason ? ` (skipped: ${tmpfsSkipReason})` : ''}`, () => {
  it.each([
    ['no room for the new pair', 8192, 'secrets.json'],
    ['no room at all', 0, 'token.lock'],
  ])('never spends a refresh token it cannot store (%s): exit 1 naming the disk, and the login still works once there is room', async (_case, leave, file) => {
    const { dir, env, args } = await configOnTmpfs({ stateOnDisk: false });
    sandbox.control.expireAccessTokens();
    await disk!.fill(leave);
    const full = await runCli([...args, 'contacts', '--json'], { env });
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(`disk full at ${join(dir, file)}`);
    expect(full.stderr).toContain('The refresh token was not used');
    expect(full.stderr).not.toMatch(/unexpected/i);
    expect(leftovers(dir)).toEqual([]);
    await disk!.unfill();
    const after = await runCli([...args, 'contacts', '--json'], { env });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    // And the pair it got was saved: a second refresh works too.
    sandbox.control.expireAccessTokens();
    expect((await runCli([...args, 'rooms', '--json'], { env })).code).toBe(0);
  });

  it('a full disk under the store: every change is refused naming state.db, and nothing is lost or half-written', async () => {
    const { dir, env, args } = await configOnTmpfs();
    const cli = (more: string[]) => runCli([...args, ...more], { env });
    const first = await cli(['destinations', 'set', 'survey', 'dm']);
    expect(first.code, first.stderr).toBe(0);
    const before = (await cli(['destinations', '--json'])).stdout;
    await disk!.fill();
    for (const change of [['destinations', 'set', 'survey', 'off'], ['calendar', 'set', 'window', '10:00-17:00']]) {
      const full = await cli(change);
      expect(full.code, change.join(' ')).toBe(1);
      expect(full.stderr).toContain(`disk full at ${join(dir, 'state.db')}`);
      expect(full.stderr).not.toMatch(/unexpected/i);
    }
    await disk!.unfill();
    expect((await cli(['destinations', '--json'])).stdout).toBe(before);
    expect((await cli(['destinations', 'set', 'survey', 'off'])).code).toBe(0);
    expect(JSON.parse((await cli(['destinations', '--json'])).stdout).survey).toBe('off');
  });

  it('names a full disk, and leaves no temp file, for a file the CLI writes (links export)', async () => {
    const { dir, env, args } = await configOnTmpfs({ stateOnDisk: false });
    await disk!.fill();
    const target = join(disk!.dir, 'links.csv');
    const result = await runCli([...args, 'links', 'export', target], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`disk full at ${target}`);
    expect(result.stderr).toContain('Free some space');
    expect(readdirSync(disk!.dir).filter(isTempFile)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('names a read-only store', async () => {
    const { dir, env, args } = await configOnTmpfs();
    disk!.readOnly(true);
    const result = await runCli([...args, 'destinations', 'set', 'survey', 'off'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`read-only file system at ${join(dir, 'state.db')}`);
    expect(result.stderr).not.toMatch(/unexpected/i);
  });

  it('names a read-only config dir in errors, and doctor fails its writability check', async () => {
    const { dir, env, args } = await configOnTmpfs({ stateOnDisk: false });
    disk!.readOnly(true);
    sandbox.control.expireAccessTokens();
    const refresh = await runCli([...args, 'contacts'], { env });
    expect(refresh.code).toBe(1);
    expect(refresh.stderr).toContain(`read-only file system at ${join(dir, 'token.lock')}`);
    expect(refresh.stderr).toContain('The refresh token was not used');
    expect(refresh.stderr).not.toMatch(/unexpected/i);
    const doctor = await runCli([...args, 'doctor', '--json'], { env });
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string; finding: string }[] }).checks;
    expect(checks.find((c) => c.id === 'config-writable')).toMatchObject({ status: 'fail', finding: `read-only file system at ${dir}.` });
    disk!.readOnly(false);
    const again = JSON.parse((await runCli([...args, 'doctor', '--json'], { env })).stdout) as { checks: { id: string; status: string }[] };
    expect(again.checks.find((c) => c.id === 'config-writable')).toMatchObject({ status: 'ok' });
  });
});
