import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { withStore } from '../helpers/state.js';
import { loggedInConfigDir, setUpDemo, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

/** doctor as support reads it: people and contacts by name, live links only, the fix for the host it runs on. */

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

type Report = { checks: { id: string; status: string; finding: string; remedy?: string; findingKey: string }[] };

async function configured(backend: Backend = 'sqlite') {
  const login = await loggedInConfigDir(sandbox, backend);
  const cli = (args: string[], lang = 'en') => runCli(['--lang', lang, ...login.args, ...args], { env: login.env });
  await setUpDemo(sandbox, cli, () => ({ praise: 'dm', survey: 'dm', 'update-survey': 'off' }));
  const doctor = async (lang = 'en', args = login.args) => {
    const result = await runCli(['--lang', lang, ...args, 'doctor', '--json'], { env: login.env });
    return JSON.parse(result.stdout) as Report;
  };
  return { ...login, cli, doctor };
}

const find = (report: Report, key: string) => report.checks.find((c) => c.findingKey === key);

describe('doctor for support', () => {
  it('names the people of a removed contact, and counts only live links as 紐付け済み', async () => {
    const { doctor } = await configured();
    const before = await doctor('ja');
    const linkedBefore = Number(/紐付け済み(\d+)人/.exec(find(before, 'doctor.dest.dm')!.finding)![1]);
    sandbox.control.removeContact(2_000_003);
    const report = await doctor('ja');
    // The person by name and id, not a bare id.
    expect(find(report, 'doctor.links.contactGone')!.finding).toContain('高橋 一郎 (E0003)');
    expect(find(report, 'doctor.dest.dm')!.finding).toContain(`紐付け済み${linkedBefore - 1}人`);
    const ok = /(\d+)人が現在のコンタクトに紐付いています/.exec(find(report, 'doctor.links.ok')!.finding)![1];
    expect(Number(ok)).toBe(linkedBefore - 1);
  });

  it('on a PostgreSQL host never suggests setup: it says what to run instead', async () => {
    const { doctor, configDir, args } = await configured('postgres');
    await withStore(configDir, (store) => store.config.update((c) => { delete c.clientId; }));
    const missing = join(configDir, 'not-yet');
    const hostArgs = args.map((arg) => (arg === configDir ? missing : arg));
    for (const lang of ['en', 'ja']) {
      const report = await doctor(lang, hostArgs);
      const remedies = report.checks.map((c) => c.remedy ?? '').join('\n');
      expect(remedies).not.toMatch(/himanager-chatwork setup/);
      expect(find(report, 'doctor.config.missing')!.remedy).toContain(`mkdir -m 700 ${missing}`);
      expect(find(report, 'doctor.auth.noClient')!.remedy).toContain('himanager-chatwork auth login --client-id <ID> --client-secret-stdin');
    }
    // The same findings on a SQLite host still point at setup: the fix depends on the host.
    const local = await configured('sqlite');
    await withStore(local.configDir, (store) => store.config.update((c) => { delete c.clientId; }));
    expect(find(await local.doctor(), 'doctor.auth.noClient')!.remedy).toContain('himanager-chatwork setup');
  });
});
