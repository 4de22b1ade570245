import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { maskUrls } from '../../src/text/mask.js';
import { safeLocation } from '../../src/store/postgres/open.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { freshDatabase, postgres } from '../helpers/postgres.js';
import { runBin, runCli } from '../helpers/run-cli.js';
import { readState } from '../helpers/state.js';

// One live store: after `state migrate` the store it copied from refuses every command (exit 1)
// and names where the state lives now; only state info and doctor read it; a migrate back clears it.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(6), randomSeed: 25 }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const KEY = Buffer.alloc(32, 25).toString('base64');
const requests = () => (sandbox.control.stats() as { requests: number }).requests;
const secretsFile = (dir: string) => JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, string>;

/** A laptop install (SQLite, file secrets) that has sent reminder s1 to everyone; s2 is still to send. */
async function laptop() {
  const login = await loggedInConfigDir(sandbox);
  const users = await linkAllContacts(sandbox, login.configDir);
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users, title: '一回目' }]));
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...login.args, ...args], { env: { ...login.env, ...env } });
  const bin = (args: string[], env: NodeJS.ProcessEnv = {}) => runBin([...login.args, ...args], { env: { ...login.env, ...env } });
  expect(JSON.parse((await cli(['send-reminders', '--input', file, '--json'])).stdout).messages.delivered).toBe(users.length);
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users, title: '一回目' }, { id: 's2', type: 'survey', to: users, title: '二回目' }]));
  const csv = join(login.configDir, 'users.csv');
  writeFileSync(csv, `id,name,email\n${users.map((id) => `${id},社員 ${id},${id.toLowerCase()}@example.jp`).join('\n')}\n`);
  return { ...login, users, file, csv, cli, bin };
}

/** Every command that sends or changes, and the readers, as a host that was not told of the move would run them. */
function everyCommand(file: string, csv: string, dump: string, users: string[], elsewhere: string): string[][] {
  return [
    ['send-reminders', '--input', file], ['send-reminders', '--input', file, '--dry-run'], ['send-reminders', '--input', file, '--json'],
    ['recall', '--reminder', 's1', '--yes'], ['recall', '--reminder', 's1', '--dry-run'],
    ['send-test', '--type', 'survey', '--user', users[0]!], ['link', '--auto', '--yes'], ['link', users[0]!, '1'], ['unlink', users[0]!],
    ['users', 'import', csv], ['users', 'list'], ['links'], ['destinations', 'set', 'survey', 'off'], ['destinations'],
    ['calendar', 'set', 'weekends', 'off'], ['contacts', 'approve', '--auto', '--yes'], ['contacts'], ['rooms'], ['invite'],
    ['templates', 'lang', 'en'], ['history'], ['history', 'prune', '--before', '2099-01-01'],
    ['auth', 'status'], ['auth', 'logout', '--yes'], ['state', 'export'], ['state', 'import', dump, '--force'], ['state', 'unlock'],
    ['state', 'migrate', '--to', elsewhere],
  ];
}

describe.skipIf(!postgres.available)('state migrate to PostgreSQL and back: one live store', () => {
  it('the old SQLite store refuses every command naming the new one, sends nothing; state info and doctor show the mark; the login lives only in PostgreSQL; a migrate back clears it', async () => {
    const { cli, bin, configDir, file, csv, users } = await laptop();
    const db = await freshDatabase();
    const where = safeLocation(db.url);
    // Error output masks a URL's user name too (src/text/mask.ts); state info and doctor show it whole.
    const masked = maskUrls(where);
    const local = secretsFile(configDir);
    const dump = join(configDir, 'dump.ndjson');
    expect((await cli(['state', 'export', '--output', dump])).code).toBe(0);
    const migrated = await cli(['state', 'migrate', '--to', db.url], { HIMANAGER_CHATWORK_STATE_KEY: KEY });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stderr).toContain(`encrypted into ${where}`);
    expect(migrated.stderr).toContain(`The refresh token was removed from ${join(configDir, 'secrets.json')}`);
    expect(migrated.stderr).toContain(`${join(configDir, 'state.db')} is marked as moved`);
    // The local copy of the rotating token is gone; the client secret (which does not rotate) stays.
    expect(secretsFile(configDir)).toEqual({ 'client-secret': local['client-secret'] });
    expect((await db.query<{ name: string }>('SELECT name FROM secrets ORDER BY name')).map((row) => row.name)).toEqual(['client-secret', 'key-check', 'tokens']);

    const before = { state: await readState(configDir), inbox: dmInbox(sandbox), requests: requests() };
    for (const args of everyCommand(file, csv, dump, users, join(mkdtempSync(join(tmpdir(), 'hmcw-third-')), 'state.db'))) {
      const run = args[0] === 'send-reminders' || args[0] === 'recall' ? bin : cli;
      const refused = await run(args);
      expect(refused.code, `${args.join(' ')}: ${refused.stderr}`).toBe(ExitCode.error);
      expect(refused.stderr, args.join(' ')).toContain(`The state has moved: since`);
      expect(refused.stderr, args.join(' ')).toContain(`it lives in ${masked}`);
      expect(refused.stderr, args.join(' ')).toContain(`HIMANAGER_CHATWORK_STATE=${masked}`);
    }
    // Nothing reached Chatwork and nothing in the old store changed.
    expect(requests()).toBe(before.requests);
    expect(dmInbox(sandbox)).toEqual(before.inbox);
    expect(await readState(configDir)).toEqual(before.state);
    expect(secretsFile(configDir)).toEqual({ 'client-secret': local['client-secret'] });

    const info = await cli(['state', 'info', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).movedTo).toMatchObject({ location: where, host: hostname() });
    expect((await cli(['state', 'info'])).stdout).toContain(`Moved:     to ${where}`);
    const doctor = await cli(['doctor', '--json']);
    expect(doctor.code).toBe(ExitCode.error);
    const state = (JSON.parse(doctor.stdout).checks as { id: string; status: string; finding: string; remedy: string }[]).find((c) => c.id === 'state')!;
    expect(state).toMatchObject({ status: 'fail' });
    expect(state.finding).toContain(`has moved to ${where}`);
    expect(state.remedy).toContain(`HIMANAGER_CHATWORK_STATE=${where}`);
    expect(doctor.stdout).not.toContain('refresh token');

    // The shared store has the login and the state: it sends s2 once, and s1 not again.
    const shared = { HIMANAGER_CHATWORK_STATE: db.url, HIMANAGER_CHATWORK_STATE_KEY: KEY };
    expect((await cli(['auth', 'status'], shared)).code).toBe(0);
    const sent = await bin(['send-reminders', '--input', file, '--json'], shared);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).messages.delivered).toBe(users.length);
    for (const bodies of dmInbox(sandbox).values()) expect(bodies).toHaveLength(2);

    // Back: only a migrate from the new store clears the mark; then the PostgreSQL store is the moved one.
    const back = await cli(['state', 'migrate', '--to', join(configDir, 'state.db')], shared);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain('its old rows were replaced by the copy and its moved mark was cleared');
    expect(back.stderr).toContain(`copied into ${join(configDir, 'secrets.json')}`);
    expect(back.stderr).toContain(`The refresh token was removed from ${where}`);
    expect((await db.query<{ name: string }>('SELECT name FROM secrets ORDER BY name')).map((row) => row.name)).toEqual(['client-secret', 'key-check']);
    expect(secretsFile(configDir).tokens).toBeDefined();
    expect(JSON.parse((await cli(['state', 'info', '--json'])).stdout).movedTo).toBeUndefined();
    const again = await bin(['send-reminders', '--input', file, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).messages.delivered).toBe(0);
    const pgRefuses = await bin(['send-reminders', '--input', file, '--dry-run'], shared);
    expect(pgRefuses.code).toBe(ExitCode.error);
    expect(pgRefuses.stderr).toContain(`it lives in ${join(configDir, 'state.db')}`);
    expect((await cli(['auth', 'status'])).code).toBe(0);
    for (const bodies of dmInbox(sandbox).values()) expect(bodies).toHaveLength(2);
  });
});

describe('state migrate to SQLite', () => {
  it('copies no secrets into state.db and says so: the login stays in the secret store both files use', async () => {
    const { cli, bin, configDir, file } = await laptop();
    const secrets = secretsFile(configDir);
    const target = join(mkdtempSync(join(tmpdir(), 'hmcw-moved-')), 'state.db');
    const migrated = await cli(['state', 'migrate', '--to', target]);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stderr).toContain(`No secrets were copied into ${target}: SQLite keeps none`);
    expect(migrated.stderr).toContain(`stay where they are, in ${join(configDir, 'secrets.json')}`);
    expect(migrated.stderr).not.toContain('removed');
    expect(secretsFile(configDir)).toEqual(secrets);
    const old = await bin(['send-reminders', '--input', file, '--dry-run']);
    expect(old.code).toBe(ExitCode.error);
    expect(old.stderr).toContain(`HIMANAGER_CHATWORK_STATE=${target}`);
    const moved = await bin(['--state', target, 'send-reminders', '--input', file, '--json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout).messages.delivered).toBeGreaterThan(0);
  });

  it('a --to in a directory that does not exist is a usage error naming it; nothing is created or marked', async () => {
    const { cli, configDir } = await laptop();
    const missing = join(mkdtempSync(join(tmpdir(), 'hmcw-nodir-')), 'missing', 'dir');
    const before = await readState(configDir);
    for (const lang of ['en', 'ja']) {
      const result = await cli(['--lang', lang, 'state', 'migrate', '--to', join(missing, 'state.db')]);
      expect(result.code).toBe(ExitCode.usage);
      expect(result.stderr).toContain(missing);
      expect(result.stderr).not.toMatch(/ENOENT|Unexpected|予期しない/);
    }
    expect(existsSync(missing)).toBe(false);
    expect(JSON.parse((await cli(['state', 'info', '--json'])).stdout).movedTo).toBeUndefined();
    expect(await readState(configDir)).toEqual(before);
  });
});
