import { DatabaseSync } from 'node:sqlite';
import { withStore } from '../helpers/state.js';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { DEMO_USERS, linkAllContacts, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

/** What this test's commands printed, and the secrets its install holds: scanned after each test. */
let printed: string[] = [];
let secretsSeen = new Set<string>();
let loggedIn = false;
beforeEach(() => { printed = []; secretsSeen = new Set(); loggedIn = false; });
afterEach(() => {
  // Nothing secret printed, on this test's own paths: the client secret, the access and the refresh token.
  if (loggedIn) expect(secretsSeen.size).toBeGreaterThanOrEqual(3);
  const all = printed.join('\n');
  expect(all.length, 'the test printed nothing to scan').toBeGreaterThan(0);
  for (const secret of secretsSeen) expect(all.includes(secret), 'a secret appeared in the output').toBe(false);
});

async function configured() {
  const login = await loggedInConfigDir(sandbox);
  loggedIn = true;
  const cli = async (args: string[]) => {
    const result = await runCli([...login.args, ...args], { env: login.env });
    printed.push(result.stdout, result.stderr);
    const secrets = JSON.parse(readFileSync(join(login.configDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    secretsSeen.add(secrets['client-secret']!);
    if (secrets.tokens) {
      const tokens = JSON.parse(secrets.tokens) as { accessToken: string; refreshToken: string };
      secretsSeen.add(tokens.accessToken).add(tokens.refreshToken);
    }
    return result;
  };
  const hr = await setUpDemo(sandbox, cli, (room) => ({ praise: 'dm', survey: `room:${room}`, 'update-survey': 'off' }));
  const doctor = async (...extra: string[]) => {
    const result = await cli(['doctor', '--json', ...extra]);
    return { ...result, report: JSON.parse(result.stdout) as { exitCode: number; apiCalls: number; checks: { id: string; status: string; finding: string; remedy?: string; findingKey: string }[] } };
  };
  return { ...login, cli, doctor, hr };
}

const find = <C extends { findingKey: string }>(report: { checks: C[] }, key: string) => report.checks.find((c) => c.findingKey === key);

describe('doctor', () => {
  it('passes a healthy install with warnings only (exit 0), in a handful of API calls', async () => {
    const { doctor, cli } = await configured();
    const { code, report } = await doctor();
    expect(code).toBe(ExitCode.ok);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(find(report, 'doctor.auth.ok')!.finding).toContain('HiManager通知 (account 1000001)');
    expect(find(report, 'doctor.auth.scopesOk')).toMatchObject({ status: 'ok' });
    expect(find(report, 'doctor.links.unlinked')!.remedy).toContain('himanager-chatwork invite');
    expect(find(report, 'doctor.sandbox.custom')!.status).toBe('warn');
    // The two people who are not contacts: the invitation, then the approval, is the remedy.
    expect(find(report, 'doctor.reach.unreachable')).toMatchObject({ status: 'warn', finding: expect.stringContaining('岡田 佳奈 (E0027), 後藤 駿 (E0028)') });
    expect(find(report, 'doctor.reach.unreachable')!.remedy).toContain('himanager-chatwork invite');
    expect(find(report, 'doctor.requests.none')!.status).toBe('ok');
    // One more than the handful: the members of the group chat a type goes to (who it does not reach).
    expect(report.apiCalls).toBeLessThanOrEqual(5);
    const human = await cli(['--lang', 'ja', 'doctor']);
    expect(human.stdout).toContain('認証');
    expect(human.stdout).toMatch(/OK\s+トークンの更新に成功しました/);
  });

  it('reports waiting contact requests with the command that approves them', async () => {
    const { doctor, cli } = await configured();
    sandbox.control.sendRequest({ chatworkId: 'kana_okada' });
    sandbox.control.sendRequest({ chatworkId: 'partner_goto' });
    const { report } = await doctor();
    expect(find(report, 'doctor.requests.pending')).toMatchObject({
      status: 'warn', finding: '2 contact request(s) are waiting for approval (1 match one user)', remedy: 'run: himanager-chatwork contacts approve --auto',
    });
    expect((await cli(['--lang', 'ja', 'doctor'])).stdout).toContain('2件のコンタクト追加リクエストが承認待ちです（うち1件はユーザー1人に一致）');
  });

  it('says authentication fails when the refresh token was revoked (exit 4), naming auth login', async () => {
    const { doctor } = await configured();
    sandbox.control.revokeGrants();
    const { code, report } = await doctor();
    expect(code).toBe(ExitCode.auth);
    const auth = find(report, 'doctor.auth.failed')!;
    expect(auth.finding).toContain('rejected the refresh token');
    expect(auth.remedy).toBe('run: himanager-chatwork auth login');
    // Every check that needs the API is skipped, each saying so.
    const notChecked = report.checks.filter((c) => c.findingKey === 'doctor.notChecked');
    expect(notChecked.map((c) => [c.status, c.finding])).toEqual(Array(6).fill(['warn', 'not checked: needs what failed under auth above']));
  });

  it('fails a room destination where the account became readonly, with the fix', async () => {
    const { doctor, hr } = await configured();
    sandbox.control.setRole(hr, 'readonly');
    const { code, report } = await doctor();
    expect(code).toBe(ExitCode.error);
    expect(find(report, 'doctor.dest.readonly')!.remedy).toContain('destinations set survey dm');
  });

  it('warns of a removed contact; a user gone from the directory is retired and their link ended, so nothing to warn of', async () => {
    const { doctor, cli, configDir } = await configured();
    sandbox.control.removeContact(2_000_003);
    const smaller = join(configDir, 'users.csv');
    writeFileSync(smaller, readFileSync(DEMO_USERS, 'utf8').split('\r\n').filter((l) => !l.startsWith('E0030')).join('\r\n'));
    await cli(['users', 'import', smaller]);
    const { report } = await doctor();
    expect(find(report, 'doctor.links.contactGone')!.finding).toContain('E0003');
    expect(find(report, 'doctor.links.contactGone')!.remedy).toBe('add them back as contacts in Chatwork, or run: himanager-chatwork unlink E0003');
    expect(find(report, 'doctor.links.userGone')).toBeUndefined();
  });

  it('finds a stale lock and a crashed run', async () => {
    const { doctor, configDir } = await configured();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    // What a run killed with SIGKILL leaves: its lock row, and an intent with no outcome.
    const now = Date.now();
    const db = new DatabaseSync(join(configDir, 'state.db'));
    db.prepare('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, NULL, ?, ?)').run(hostname(), dead, now, now);
    db.close();
    await withStore(configDir, (store) => store.deliveries.intent({ key: 'r1\u001fE0001', roomId: 1, pairs: [['r1', 'E0001']], bodyHash: 'x', type: 'survey', at: 1 }));
    const { report } = await doctor();
    expect(find(report, 'doctor.lock.stale')!.remedy).toContain('next run takes it over');
    expect(find(report, 'doctor.lock.stale')!.remedy).toContain('state unlock');
    expect(find(report, 'doctor.ledger.inFlight')!.finding).toContain('1 delivery(ies) were left in flight');
  });

  it("fails when this machine's clock is far off Chatwork's", async () => {
    const { doctor } = await configured();
    sandbox.control.setClockOffset(10 * 60_000);
    const { code, report } = await doctor();
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.finding)).toEqual([expect.stringMatching(/clock/)]);
    expect(code).toBe(ExitCode.error);
    expect(find(report, 'doctor.auth.clock')!.finding).toMatch(/clock is (599|60\d) s off/); // the Date header has whole seconds
  });

  it('says what is missing on a fresh install', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-'));
    const result = await runCli(['--config-dir', dir, '--secret-store', 'file', 'doctor'], { env: sandbox.env });
    printed.push(result.stdout, result.stderr);
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stdout).toContain('no refresh token is stored: not logged in');
  });
});

describe('doctor with 1,000 links', () => {
  it('costs the same handful of API calls', async () => {
    const large = await startSandbox({ seed: 'empty', contacts: generatedContacts(1_040) });
    try {
      const login = await loggedInConfigDir(large);
      const users = await linkAllContacts(large, login.configDir);
      expect(users.length).toBeGreaterThan(1_000);
      const result = await runCli([...login.args, 'doctor', '--json'], { env: login.env });
      printed.push(result.stdout, result.stderr);
      expect(result.code).toBe(ExitCode.ok);
      expect(JSON.parse(result.stdout).apiCalls).toBeLessThanOrEqual(4);
    } finally {
      await large.stop();
    }
  });
});
