import { chmodSync, chownSync, cpSync, mkdtempSync as makeTempDir, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { readOnlyRootSkipReason, runReadOnlyRoot, testUser, type ReadOnlyRun } from '../helpers/readonly-root.js';
import { BIN } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

// What the Dockerfile, the CronJob and the systemd units in deploy/ rely on, run here for real:
// `send-reminders` as a non-root user, every mount read-only but the state volume and an empty
// /tmp, the client secret only in the environment (no keychain; the file store holds only the
// rotating tokens, in the volume), against the sandbox; once with the state in the volume
// (SQLite), once in PostgreSQL with no volume written at all.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => {
  await sandbox?.stop();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sandbox.control.reset());

/** The directories made outside /tmp (the run hides /tmp behind its own), removed at the end. */
const made: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTempDir(prefix);
  made.push(dir);
  return dir;
}

/** A fresh directory outside /tmp (the run gets its own empty /tmp), owned by the test user. */
function ownedDir(prefix: string, mode: number): string {
  const dir = mkdtempSync(join('/var/tmp', prefix));
  const { uid, gid } = testUser();
  chownSync(dir, uid, gid);
  chmodSync(dir, mode);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Three survey reminders to linked people, in a file the test user can read but not write. */
function reminderInput(userIds: string[]): string {
  const dir = mkdtempSync(join('/var/tmp', 'hmcw-input-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 'ro-survey', type: 'survey', to: userIds.slice(0, 3), title: '読み取り専用ルートのサーベイ', due: '2026-12-04' }]));
  chmodSync(file, 0o644);
  return file;
}

function cliEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // What a container or a unit gives the process: no HOME it can write, no session bus, no display.
  return { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'en_US.UTF-8', HIMANAGER_CHATWORK_SECRET_STORE: 'file', ...sandbox.env, ...extra };
}

/** Every mount the run saw is read-only, except the volume, its /tmp and the kernel's own. */
function writableMounts(run: ReadOnlyRun, volume: string): string[] {
  const kernel = /^\/(proc|sys|dev)(\/|$)/;
  return run.mounts.filter((m) => m.options.includes('rw') && m.path !== volume && m.path !== '/tmp' && !kernel.test(m.path)).map((m) => m.path);
}

function expectDelivered(run: ReadOnlyRun, userIds: string[]) {
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ messages: { delivered: 3, failed: 0 } });
  const inbox = dmInbox(sandbox);
  for (const id of userIds.slice(0, 3)) expect(inbox.get(Number(id.slice(1)))).toHaveLength(1);
}

describe.skipIf(readOnlyRootSkipReason !== undefined)(`send-reminders as a container runs it${readOnlyRootSkipReason ? ` (skipped: ${readOnlyRootSkipReason})` : ''}`, () => {
  it('SQLite in the volume: delivers, refreshes with the client secret from the environment, writes only the volume', { timeout: 120_000 }, async () => {
    const { configDir } = await loggedInConfigDir(sandbox);
    const userIds = await linkAllContacts(sandbox, configDir);
    const volume = ownedDir('hmcw-volume-', 0o700);
    cpSync(configDir, volume, { recursive: true });
    // The client secret lives only in the environment; the volume keeps the rotating tokens.
    const secretsFile = join(volume, 'secrets.json');
    const before = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    delete before['client-secret'];
    writeFileSync(secretsFile, JSON.stringify(before), { mode: 0o600 });
    const { uid, gid } = testUser();
    for (const file of filesUnder(volume)) chownSync(join(volume, file), uid, gid);
    // The access token is dead: the run must refresh, which needs the client secret.
    sandbox.control.expireAccessTokens();

    const run = await runReadOnlyRoot(volume, [process.execPath, BIN, 'send-reminders', '--input', reminderInput(userIds), '--json'],
      cliEnv({ HIMANAGER_CHATWORK_CONFIG_DIR: volume, HIMANAGER_CHATWORK_CLIENT_SECRET: sandbox.client.clientSecret }));

    expectDelivered(run, userIds);
    expect(writableMounts(run, volume)).toEqual([]);
    expect(run.tmpEntries).toEqual([]);
    const after = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(after)).toEqual(['tokens']);
    expect(JSON.parse(after.tokens!).refreshToken).not.toBe(JSON.parse(before.tokens!).refreshToken);
    for (const file of filesUnder(volume)) expect(statSync(join(volume, file)).uid, file).toBe(uid);
    console.info(`volume after the run: ${filesUnder(volume).join(', ')}`);
  });

  it.skipIf(!postgres.available)('PostgreSQL: delivers with the state, tokens and lock in the database; the config dir is read-only and nothing is written', { timeout: 120_000 }, async () => {
    const { configDir, env } = await loggedInConfigDir(sandbox, 'postgres');
    const userIds = await linkAllContacts(sandbox, configDir);
    await withStore(configDir, (store) => store.secrets!.delete('client-secret'));
    // The config dir exists but belongs to root and is read-only to the user; the volume stays empty.
    const readOnlyConfig = mkdtempSync(join('/var/tmp', 'hmcw-config-'));
    chmodSync(readOnlyConfig, 0o755);
    const volume = ownedDir('hmcw-unused-volume-', 0o700);
    sandbox.control.expireAccessTokens();

    const run = await runReadOnlyRoot(volume, [process.execPath, BIN, 'send-reminders', '--input', reminderInput(userIds), '--json'],
      cliEnv({
        HIMANAGER_CHATWORK_CONFIG_DIR: readOnlyConfig, HIMANAGER_CHATWORK_CLIENT_SECRET: sandbox.client.clientSecret,
        HIMANAGER_CHATWORK_STATE: env.HIMANAGER_CHATWORK_STATE, HIMANAGER_CHATWORK_STATE_KEY: env.HIMANAGER_CHATWORK_STATE_KEY,
      }));

    expectDelivered(run, userIds);
    expect(writableMounts(run, volume)).toEqual([]);
    expect(run.tmpEntries).toEqual([]);
    expect(filesUnder(volume)).toEqual([]);
    expect(filesUnder(readOnlyConfig)).toEqual([]);
    expect(await withStore(configDir, (store) => store.secrets!.get('client-secret'))).toBeUndefined();
  });
});
