import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { freshDatabase, postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { readState, withStore } from '../helpers/state.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(8), randomSeed: 11 }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

/** An install that has delivered one survey to everyone, with a name that Excel would take for a formula. */
async function withHistory() {
  const login = await loggedInConfigDir(sandbox);
  const users = await linkAllContacts(sandbox, login.configDir);
  await withStore(login.configDir, (store) => store.users.replaceAll([
    ...users.map((id, i) => ({ id, name: i === 0 ? '=HYPERLINK("http://x","y")' : `社員 ${i}`, email: `${id.toLowerCase()}@example.jp` })),
  ]));
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users, title: '12月サーベイ' }, { id: 'p1', type: 'praise', to: users[1], from: users[2], message: 'ありがとう' }, { id: 's2', type: 'survey', to: ['nobody@example.jp'], title: 'x' }]));
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...login.args, ...args], { env: { ...login.env, ...env } });
  const sent = await cli(['send-reminders', '--input', file, '--json']);
  expect(JSON.parse(sent.stdout).messages.delivered).toBe(users.length + 1);
  return { ...login, users, file, cli };
}

describe('state info, export and import', () => {
  it('reports the backend, location, schema and counts', async () => {
    const { cli, configDir, users } = await withHistory();
    const info = JSON.parse((await cli(['state', 'info', '--json'])).stdout);
    expect(info).toMatchObject({ backend: 'sqlite', location: join(configDir, 'state.db'), schemaVersion: 10, users: users.length, links: users.length, deliveries: users.length + 1, runs: 1 });
    expect(info.sizeBytes).toBeGreaterThan(0);
    const human = await cli(['--lang', 'ja', 'state', 'info']);
    expect(human.stdout).toContain(`ユーザー${users.length}人`);
  });

  it('round-trips through the NDJSON dump into an empty store, without secrets; refuses a non-empty one unless --force', async () => {
    const { cli, configDir } = await withHistory();
    const dump = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'state.ndjson');
    expect((await cli(['state', 'export', '--output', dump])).code).toBe(0);
    const text = readFileSync(dump, 'utf8');
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ kind: 'header', format: 'himanager-chatwork-state', version: 2 });
    const secrets = JSON.parse(readFileSync(join(configDir, 'secrets.json'), 'utf8'));
    expect(text).not.toContain(secrets['client-secret']);
    expect(text).not.toContain(JSON.parse(secrets.tokens).refreshToken);
    const other = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    const imported = await runCli(['--config-dir', other, 'state', 'import', dump]);
    expect(imported.code).toBe(0);
    // Everything but the sending account, which only a login sets (from Chatwork's /me).
    expect(imported.stderr).toContain("The dump's Chatwork account setting was not imported");
    const [a, b] = [await readState(configDir), await readState(other)];
    expect(a.account?.accountId).toBeGreaterThan(0);
    expect(b).toEqual({ ...a, account: undefined });
    const again = await runCli(['--config-dir', other, 'state', 'import', dump]);
    expect(again.code).toBe(ExitCode.usage);
    expect(again.stderr).toContain('already holds state');
    expect((await runCli(['--config-dir', other, 'state', 'import', dump, '--force'])).code).toBe(0);
    const export2 = await runCli(['--config-dir', other, 'state', 'export']);
    // The two imports are runs on record of the store they wrote to: the rest is the dump.
    expect(export2.stdout.split('\n').slice(1).filter((line) => !line.includes('"command":"state import"')))
      .toEqual(text.split('\n').slice(1).filter((line) => !line.startsWith('{"kind":"setting","key":"account"')));
  });

  it('checks every line of a dump before writing anything, naming the line', async () => {
    const { cli } = await withHistory();
    const good = (await cli(['state', 'export'])).stdout.trim().split('\n');
    const bad = [...good.slice(0, 3), '{"kind":"link","userId":"X","accountId":"12"}', ...good.slice(3)].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'bad.ndjson');
    writeFileSync(file, bad);
    const other = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    const result = await runCli(['--config-dir', other, 'state', 'import', file]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(`${file}:4: not a dump record: accountId`);
    expect((await readState(other)).users).toEqual([]);
  });
});

describe('settings are checked by one schema', () => {
  it('a dump with a setting of the wrong type or an unknown time zone is refused naming line and field; a store edited by hand is reported by doctor', async () => {
    const { cli, configDir } = await withHistory();
    const good = (await cli(['state', 'export'])).stdout.trim().split('\n');
    const other = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    for (const [bad, field] of [
      ['{"kind":"setting","key":"templates","value":{"survey":{"ja":42}}}', 'templates.survey.ja'],
      ['{"kind":"setting","key":"calendar","value":{"timeZone":"Mars/Olympus","window":{"start":"09:00","end":"18:00"},"weekendsOff":true,"holidays":true,"closures":[],"extraDates":[],"policy":{}}}', 'calendar.timeZone'],
    ] as const) {
      const file = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'bad.ndjson');
      writeFileSync(file, [good[0], bad, ...good.slice(1)].join('\n'));
      const result = await runCli(['--config-dir', other, 'state', 'import', file]);
      expect(result.code).toBe(ExitCode.usage);
      expect(result.stderr).toContain(`${file}:2: not a dump record: ${field}`);
    }
    // What a hand edit of the database would leave: every command, doctor too, names the field.
    const db = new DatabaseSync(join(configDir, 'state.db'));
    db.prepare("UPDATE settings SET value = ? WHERE key = 'calendar'").run(JSON.stringify({ timeZone: 'Mars/Olympus', window: { start: '09:00', end: '18:00' }, weekendsOff: true, holidays: true, closures: [], extraDates: [], policy: {} }));
    db.close();
    const doctor = await cli(['doctor', '--json']);
    const checks = JSON.parse(doctor.stdout).checks as { id: string; status: string; finding: string }[];
    expect(checks.find((c) => c.finding.includes('calendar.timeZone'))).toMatchObject({ status: 'fail' });
    expect(doctor.code).toBe(ExitCode.error);
    const send = await cli(['calendar']);
    expect(send.code).toBe(ExitCode.error);
    expect(send.stderr).toContain('calendar.timeZone');
  });
});

describe('schema versions', () => {
  it('a store written by a newer version is refused with exit 1 and nothing written', async () => {
    const { cli, configDir } = await withHistory();
    const db = new DatabaseSync(join(configDir, 'state.db'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', '2030-01-01')").run();
    db.close();
    const before = readFileSync(join(configDir, 'state.db'));
    const result = await cli(['destinations', 'set', 'survey', 'off']);
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain('written by a newer version of himanager-chatwork (schema 99');
    expect(readFileSync(join(configDir, 'state.db')).equals(before)).toBe(true);
  });
});

describe('history', () => {
  it('answers "did this person get it?", newest first, filtered by user, reminder, type, status and dates', async () => {
    const { cli, users } = await withHistory();
    const mine = JSON.parse(`[${(await cli(['history', '--user', users[1]!, '--json'])).stdout.trim().split('\n').join(',')}]`);
    expect(mine.map((r: { reminderId: string }) => r.reminderId).sort()).toEqual(['p1', 's1']);
    expect(mine[0]).toMatchObject({ userId: users[1], status: 'delivered', userName: '社員 1' });
    // The id of the very message the sandbox stored for this person.
    const stored = sandbox.control.rooms().flatMap((room) => room.messages).map((m) => m.message_id);
    expect(stored).toContain(mine[0].messageId);
    const byEmail = await cli(['history', '--user', `${users[1]!.toLowerCase()}@example.jp`, '--json']);
    expect(byEmail.stdout.trim().split('\n')).toHaveLength(2);
    const praise = (await cli(['history', '--type', 'praise', '--json'])).stdout.trim().split('\n');
    expect(praise).toHaveLength(1);
    expect((await cli(['history', '--reminder', 's1', '--json'])).stdout.trim().split('\n')).toHaveLength(users.length);
    // A filter nothing matches is an answer (exit 0, no line), not an error; its opposite finds every delivery.
    for (const args of [['--status', 'failed'], ['--since', '2099-01-01'], ['--until', '2000-01-01']]) {
      const none = await cli(['history', ...args, '--json']);
      expect([none.code, none.stdout, none.stderr], args.join(' ')).toEqual([0, '', '']);
    }
    for (const args of [['--status', 'delivered'], ['--since', '2000-01-01'], ['--until', '2099-01-01']]) {
      const all = await cli(['history', ...args, '--json']);
      expect(all.code, args.join(' ')).toBe(0);
      expect(all.stdout.trim().split('\n').filter((line) => JSON.parse(line).status === 'delivered'), args.join(' ')).toHaveLength(users.length + 1);
    }
    const limited = await cli(['history', '--limit', '2']);
    expect(limited.stdout.trim().split('\n')).toHaveLength(2);
    expect(limited.stderr).toContain('there may be more');
    const bad = await cli(['history', '--status', 'sent']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('delivered, failed, skipped, deferred, in-flight');
  });

  it('writes CSV that Excel opens without running a formula', async () => {
    const { cli, users } = await withHistory();
    const csv = (await cli(['history', '--csv', '--user', users[0]!])).stdout;
    expect(csv.split('\n')[0]).toBe('at,reminderId,type,userId,userName,roomId,status,messageId,reason,until,round');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('prune drops bodies and details but keeps the keys: nothing is sent twice after it', async () => {
    const { cli, file, users, configDir } = await withHistory();
    // Two deliveries that failed in 2020 have details to drop; the sent ones keep no body or reason.
    const DELIVERED = 2;
    await withStore(configDir, async (store) => {
      for (const [i, key] of ['old-1', 'old-2'].entries()) {
        const at = Date.UTC(2020, 0, 1 + i);
        await store.deliveries.intent({ key, roomId: 1, pairs: [[`old-${i}`, users[0]!]], bodyHash: key, type: 'survey', at });
        await store.deliveries.failed(key, 'HTTP 500', at + 1);
      }
    });
    const dry = await cli(['history', 'prune', '--before', '2099-01-01', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, deliveries: DELIVERED });
    // The dry run changed nothing: the same count is still there to prune, and nothing before 2000.
    const early = await cli(['history', 'prune', '--before', '2000-01-01', '--json']);
    expect([early.code, JSON.parse(early.stdout).deliveries]).toEqual([0, 0]);
    const pruned = await cli(['history', 'prune', '--before', '2099-01-01', '--json']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(JSON.parse(pruned.stdout)).toMatchObject({ dryRun: false, deliveries: DELIVERED });
    const again = await cli(['history', 'prune', '--before', '2099-01-01', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ dryRun: false, deliveries: 0 });
    // Every delivery keeps its row; of the runs only the last prune's own record, written after it cut, is left.
    expect(JSON.parse((await cli(['state', 'info', '--json'])).stdout)).toMatchObject({ deliveries: users.length + 1 + DELIVERED, runs: 1 });
    const rerun = JSON.parse((await cli(['send-reminders', '--input', file, '--json'])).stdout);
    expect(rerun.messages.delivered).toBe(0);
    expect(rerun.recipients.filter((r: { outcome: string; reason: string }) => r.reason === 'already-sent')).toHaveLength(users.length + 1);
    expect([...dmInbox(sandbox).values()].flat()).toHaveLength(users.length + 1);
    expect((await cli(['history', 'prune'])).code).toBe(ExitCode.usage);
  });
});

describe.skipIf(!postgres.available)('state migrate to a shared PostgreSQL', () => {
  it('copies everything and the secrets (encrypted), checks the counts, and the CLI then runs from it; the URL never shows its password', async () => {
    const { cli, configDir, file, users } = await withHistory();
    const db = await freshDatabase();
    const url = new URL(db.url);
    url.password = 'not-a-real-password';
    const key = Buffer.alloc(32, 7).toString('base64');
    // Read before: the move takes the refresh token out of the local file.
    const plain = JSON.parse(readFileSync(join(configDir, 'secrets.json'), 'utf8'));
    const migrated = await cli(['state', 'migrate', '--to', db.url], { HIMANAGER_CHATWORK_STATE_KEY: key });
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toContain('the counts match');
    const shared = { HIMANAGER_CHATWORK_STATE: db.url, HIMANAGER_CHATWORK_STATE_KEY: key };
    expect(await readState(configDir, shared)).toEqual(await readState(configDir));
    const secrets = await db.query<{ name: string }>('SELECT name FROM secrets ORDER BY name');
    expect(secrets.map((row) => row.name)).toEqual(['client-secret', 'key-check', 'tokens']);
    const raw = JSON.stringify(await db.query('SELECT * FROM secrets'));
    expect(raw).not.toContain(plain['client-secret']);
    // Another host: a new config dir, the URL and the key; nothing else.
    const host2 = mkdtempSync(join(tmpdir(), 'hmcw-host2-'));
    const again = await runCli(['--config-dir', host2, 'send-reminders', '--input', file, '--json'], { env: { ...sandbox.env, ...shared } });
    expect(again.code).toBe(ExitCode.ok); // the unknown recipient of s2 is reported, as on the first host
    expect(JSON.parse(again.stdout).messages.delivered).toBe(0);
    expect([...dmInbox(sandbox).values()].flat()).toHaveLength(users.length + 1);
    // The old store was marked as moved: it is not migrated again (one live store).
    const refused = await cli(['state', 'migrate', '--to', db.url], { HIMANAGER_CHATWORK_STATE_KEY: key });
    expect(refused.code).toBe(ExitCode.error);
    expect(refused.stderr).toContain('The state has moved');
    const info = await runCli(['--config-dir', host2, 'state', 'info', '--json'], { env: { ...shared, HIMANAGER_CHATWORK_STATE: url.toString() } });
    expect(info.stdout + info.stderr).not.toContain('not-a-real-password');
    const noKey = await runCli(['--config-dir', host2, 'contacts'], { env: { ...sandbox.env, HIMANAGER_CHATWORK_STATE: db.url } });
    expect(noKey.code).toBe(ExitCode.auth);
    expect(noKey.stderr).toContain('HIMANAGER_CHATWORK_STATE_KEY');
    // Nothing secret in what the state and history commands print, verbose or not.
    const tokens = JSON.parse(plain.tokens) as { accessToken: string; refreshToken: string };
    for (const args of [['state', 'info', '--json'], ['--verbose', 'state', 'info'], ['--verbose', 'history', '--json'], ['state', 'export']]) {
      const out = await runCli(['--config-dir', host2, ...args], { env: { ...sandbox.env, ...shared } });
      for (const secret of [plain['client-secret'], tokens.refreshToken, key]) expect(out.stdout + out.stderr, args.join(' ')).not.toContain(secret);
    }
    // And back to a local file: the secrets go to this machine's secret store, the rest to the file.
    const local = join(host2, 'local.db');
    const back = await runCli(['--config-dir', host2, '--secret-store', 'file', 'state', 'migrate', '--to', local], { env: { ...sandbox.env, ...shared } });
    expect(back.code, back.stderr).toBe(0);
    const fromFile = await runCli(['--config-dir', host2, '--secret-store', 'file', '--state', local, 'send-reminders', '--input', file, '--json'], { env: sandbox.env });
    expect(JSON.parse(fromFile.stdout).messages.delivered).toBe(0);
    expect(JSON.parse(readFileSync(join(host2, 'secrets.json'), 'utf8'))['client-secret']).toBe(plain['client-secret']);
  });
});
