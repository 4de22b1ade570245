import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { processStart } from '../../src/store/run-lock.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, hrRoomId, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { startDeadServer, startPingServer } from '../helpers/ping-server.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { plantRunLock } from '../helpers/state.js';

let sandbox: Sandbox;
let pingServer: Awaited<ReturnType<typeof startPingServer>>;
beforeAll(async () => { sandbox = await startSandbox(); pingServer = await startPingServer(); });
afterAll(async () => { await sandbox.stop(); await pingServer.stop(); });
beforeEach(() => { sandbox.control.reset(); pingServer.clear(); });

/** Names of the demo people: a ping's body never carries one (nor a user id). */
const NAMES = ['山田', '佐藤', 'E0001', 'E0027', '2000001'];

async function demo() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli([...login.args, ...args], { ...options, env: { ...login.env, ...options.env } });
  await setUpDemo(sandbox, cli, (room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
  /** The demo's reminders under new ids: a later run has something new to send each person. */
  const batch = (suffix: string) => {
    const file = join(login.configDir, `reminders-${suffix}.json`);
    const reminders = JSON.parse(readFileSync(DEMO_REMINDERS, 'utf8')) as { id: string }[];
    writeFileSync(file, JSON.stringify(reminders.map((r) => ({ ...r, id: `${r.id}-${suffix}` }))));
    return file;
  };
  return { ...login, cli, batch };
}

const runsOf = async (cli: Awaited<ReturnType<typeof demo>>['cli'], ...args: string[]) =>
  (await cli(['history', 'runs', '--json', ...args])).stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

function expectStartThenEnd(end: 'success' | 'fail', rid: string) {
  const paths = pingServer.pings.map((p) => p.path);
  expect(paths).toEqual(['/ping/c0ffee00-0000-4000-8000-00000000beef/start', `/ping/c0ffee00-0000-4000-8000-00000000beef${end === 'fail' ? '/fail' : ''}`]);
  expect(pingServer.pings.map((p) => p.rid)).toEqual([rid, rid]);
  expect(pingServer.pings.every((p) => p.method === 'POST')).toBe(true);
  const body = pingServer.pings[1]!.body;
  for (const name of NAMES) expect(body).not.toContain(name);
  expect(Buffer.byteLength(body)).toBeLessThan(4096);
  return JSON.parse(body);
}

describe('the exit policy, with its pings', () => {
  it('standing skips (not linked) are reported and exit 0; the pings say start, then success, with one rid', async () => {
    const { cli } = await demo();
    const run = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json', '--ping', pingServer.url()]);
    expect(run.code).toBe(ExitCode.ok);
    const summary = JSON.parse(run.stdout);
    expect(summary.skipped).toEqual({ unlinked: 1 });
    expect(summary.newSkips).toEqual([]);
    expect(summary).toMatchObject({ host: hostname(), backend: 'sqlite', failOn: ['failed', 'new-skips'] });
    expect(summary.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/);
    expect(summary.endedAt).toMatch(/[+-]\d\d:\d\d$/);
    const body = expectStartThenEnd('success', summary.runId);
    expect(body).toMatchObject({ runId: summary.runId, exitCode: 0, counts: { delivered: 8, skipped: 1, skipReasons: { unlinked: 1 }, newSkips: 0 } });
    // The run is on record, under the same id; the URL's secret path is printed nowhere.
    const [last] = await runsOf(cli, '--command', 'send-reminders');
    expect(last).toMatchObject({ runId: summary.runId, command: 'send-reminders', exitCode: 0, host: hostname(), counts: { delivered: 8 } });
    expect(run.stderr).not.toContain('c0ffee00');
  });

  it('--fail-on skipped makes a standing skip exit 3 (a fail ping); --fail-on twice or a bad value is exit 2', async () => {
    const { cli } = await demo();
    const strict = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json', '--fail-on', 'failed,skipped', '--ping', pingServer.url()]);
    expect(strict.code).toBe(ExitCode.partial);
    expectStartThenEnd('fail', JSON.parse(strict.stdout).runId);
    for (const args of [['--fail-on', 'failed', '--fail-on', 'skipped'], ['--fail-on', 'failed,sometimes']]) {
      const bad = await cli(['send-reminders', '--input', DEMO_REMINDERS, ...args]);
      expect(bad.code).toBe(ExitCode.usage);
      expect(bad.stderr).toContain('--fail-on');
    }
  });

  it('a failure is exit 3 (fail ping); --fail-on new-skips alone lets it pass', async () => {
    const { cli, batch } = await demo();
    // The notification account may no longer post in the group chat: the room's post fails.
    sandbox.control.setRole(hrRoomId(sandbox), 'readonly');
    const failed = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json', '--ping', pingServer.url()]);
    expect(failed.code).toBe(ExitCode.partial);
    const summary = JSON.parse(failed.stdout);
    expect(summary.messages.failed).toBeGreaterThan(0);
    expect(expectStartThenEnd('fail', summary.runId)).toMatchObject({ exitCode: 3, counts: { failed: summary.messages.failed } });
    const loose = await cli(['send-reminders', '--input', batch('loose'), '--json', '--fail-on', 'new-skips']);
    expect(JSON.parse(loose.stdout).messages.failed).toBeGreaterThan(0);
    expect(loose.code).toBe(ExitCode.ok);
  });

  it('someone reached at the last run who is no longer a contact is a new skip: exit 3 once, then a standing skip', async () => {
    const { cli, batch } = await demo();
    const first = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json']);
    expect(first.code).toBe(ExitCode.ok);
    expect(JSON.parse(first.stdout).recipients).toContainEqual(expect.objectContaining({ recipient: 'E0001', outcome: 'delivered' }));
    sandbox.control.removeContact(2_000_001);
    const second = await cli(['send-reminders', '--input', batch('b'), '--json', '--ping', pingServer.url()]);
    expect(second.code).toBe(ExitCode.partial);
    const summary = JSON.parse(second.stdout);
    expect(summary.newSkips).toEqual([{ recipient: 'E0001', reason: 'contact-gone' }]);
    expect(summary.messages.failed).toBe(0);
    expect(expectStartThenEnd('fail', summary.runId)).toMatchObject({ exitCode: 3, counts: { newSkips: 1 } });
    // Known now: the next run reports it and passes. The never-linked E0027 never was news.
    const third = await cli(['send-reminders', '--input', batch('c'), '--json']);
    expect(third.code).toBe(ExitCode.ok);
    expect(JSON.parse(third.stdout)).toMatchObject({ newSkips: [], skipped: { unlinked: 1, 'contact-gone': 1 } });
    // --fail-on failed ignores new skips: another person gone, still exit 0.
    sandbox.control.removeContact(2_000_002);
    expect((await cli(['send-reminders', '--input', batch('d'), '--fail-on', 'failed'])).code).toBe(ExitCode.ok);
  });
});

describe('pings that cannot get through', () => {
  let dead: Awaited<ReturnType<typeof startDeadServer>>;
  beforeAll(async () => { dead = await startDeadServer(); });
  afterAll(async () => { await dead.stop(); });

  it('a ping server that accepts and never answers costs the run at most 10 s, one warning, and the same exit code', async () => {
    const { cli } = await demo();
    const started = performance.now();
    const run = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--ping', dead.url]);
    const took = performance.now() - started;
    expect(run.code).toBe(ExitCode.ok);
    expect(dead.accepted()).toBeGreaterThanOrEqual(1);
    expect(took).toBeLessThanOrEqual(10_000);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('ping'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(dead.url.split('/ping/')[0]);
    expect(run.stderr).not.toContain('dead-5ec7e7');
    expect(sandbox.control.stats().posts).toBe(8);
  }, 30_000);

  it('a locked-out run pings nothing and leaves no record; a dry run neither', async () => {
    const { cli, configDir } = await demo();
    plantRunLock(configDir, { pid: process.pid, host: hostname(), processStart: processStart(process.pid) });
    const held = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--ping', pingServer.url()]);
    expect(held.code).toBe(ExitCode.locked);
    expect(await cli(['state', 'unlock', '--force', '--yes'])).toMatchObject({ code: 0 });
    const dry = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--dry-run', '--ping', pingServer.url()]);
    expect(dry.code).toBe(ExitCode.ok);
    expect(pingServer.pings).toEqual([]);
    expect(await runsOf(cli, '--command', 'send-reminders')).toEqual([]);
  });

  it('HIMANAGER_CHATWORK_PING_URL pings for a container\'s one job; a URL that is not http(s) is exit 2 without echoing it', async () => {
    const { cli } = await demo();
    const run = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json'], { env: { HIMANAGER_CHATWORK_PING_URL: pingServer.url() } });
    expectStartThenEnd('success', JSON.parse(run.stdout).runId);
    const bad = await cli(['doctor', '--ping', 'ftp://secret-token@example.com/x']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--ping');
    expect(bad.stderr).not.toContain('secret-token');
  });
});

describe('runs on record', () => {
  it('history runs lists every recorded run newest first, filtered by command and date, and as safe CSV', async () => {
    const { cli } = await demo();
    await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    const all = await runsOf(cli);
    // users import, link --auto and the three destinations set of the demo, then send-reminders.
    expect(all.map((r) => r.command)).toEqual(['send-reminders', 'destinations set', 'destinations set', 'destinations set', 'link', 'users import']);
    expect(all.every((r) => r.host === hostname() && r.pid === process.pid && typeof r.version === 'string')).toBe(true);
    expect(await runsOf(cli, '--command', 'users import')).toHaveLength(1);
    expect(await runsOf(cli, '--since', '2099-01-01')).toEqual([]);
    expect(await runsOf(cli, '--until', '2000-01-01')).toEqual([]);
    expect(await runsOf(cli, '--since', '1d')).toHaveLength(6);
    const csv = await cli(['history', 'runs', '--csv', '--command', 'send-reminders']);
    const [header, row, ...rest] = csv.stdout.trim().split('\n');
    expect(header).toBe('endedAt,startedAt,command,exitCode,host,pid,version,runId,counts');
    expect(rest).toEqual([]);
    expect(row).toContain(',send-reminders,0,');
    expect(row).toMatch(/,"\{""delivered"":8,/);
    const text = await cli(['history', 'runs']);
    expect(text.stdout).toContain('send-reminders  exit 0  delivered=8');
    expect(text.stderr).toContain('6 run(s) shown.');
  });

  it('doctor warns that cron looks stopped when the last send-reminders run is older than --max-run-age, and pings', async () => {
    const { cli } = await demo();
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS])).code).toBe(ExitCode.ok);
    const findingOf = async (clockIso: string | undefined, ...args: string[]) => {
      const result = await cli(['doctor', '--json', ...args], clockIso ? { clock: clockAt(clockIso) } : {});
      return JSON.parse(result.stdout).checks.find((c: { id: string }) => c.id === 'cron');
    };
    expect(await findingOf(undefined)).toMatchObject({ status: 'ok', findingKey: 'doctor.cron.ok' });
    const later = new Date(Date.now() + 4 * 86_400_000).toISOString();
    const stale = await findingOf(later);
    expect(stale).toMatchObject({ status: 'warn', findingKey: 'doctor.cron.stale' });
    expect(stale.finding).toContain('cron looks stopped: last run 4 day(s) ago');
    expect(await findingOf(later, '--max-run-age', '5d')).toMatchObject({ status: 'ok' });
    expect((await cli(['doctor', '--max-run-age', 'soon'])).code).toBe(ExitCode.usage);
    pingServer.clear();
    const pinged = await cli(['doctor', '--json', '--ping', pingServer.url()]);
    expect(pingServer.pings.map((p) => p.path.split('/').at(-1))).toEqual(['start', pinged.code === 0 ? 'c0ffee00-0000-4000-8000-00000000beef' : 'fail']);
    expect(JSON.parse(pingServer.pings[1]!.body).counts).toMatchObject({ ok: expect.any(Number) });
    // doctor is never on record: it changes nothing.
    expect((await runsOf(cli, '--command', 'doctor'))).toEqual([]);
  });

  it('doctor reports a last run that exited 3 as a problem', async () => {
    const { cli } = await demo();
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--fail-on', 'skipped'])).code).toBe(ExitCode.partial);
    const checks = JSON.parse((await cli(['doctor', '--json'])).stdout).checks;
    expect(checks).toContainEqual(expect.objectContaining({ id: 'cron', status: 'warn', findingKey: 'doctor.cron.lastFailed' }));
    expect(checks).not.toContainEqual(expect.objectContaining({ findingKey: 'doctor.run.ok' }));
  });
});
