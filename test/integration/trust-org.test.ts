import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { addAccount } from '../../sandbox/src/model/people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { BACKENDS, loggedInConfigDir, setUpDemo, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

// Automatic approval and linking trust an organisation id (the notification account's, from /me,
// or the admin's list), never a name: the impostors of the demo seed, ambiguity, no match, and an
// account without an organisation are all left for a person.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const OKADA = 2_000_027; // E0027 岡田 佳奈, "Kana Okada" on Chatwork, organisation 9001, not a contact
const GOTO = 2_000_028; // E0028 後藤 駿, "ごとう しゅん", organisation 9001, not a contact
const OPERATOR = 1_000_001;

type Request = { requestId: number; why: string; userId: string | null; candidates: string[]; organizationId: number };

async function demo(backend: Backend = 'sqlite') {
  const login = await loggedInConfigDir(sandbox, backend);
  const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
  await setUpDemo(sandbox, cli, () => ({ survey: 'dm', 'update-survey': 'dm', praise: 'dm' }));
  const send = (chatworkId: string) => sandbox.control.sendRequest({ chatworkId, message: 'HiManager の通知を受け取ります' }).requestId;
  const linked = async () => Object.fromEntries((JSON.parse((await cli(['users', 'list', '--json'])).stdout) as { id: string; accountId: number | null }[])
    .filter((u) => u.accountId !== null).map((u) => [u.id, u.accountId]));
  const waiting = async () => JSON.parse((await cli(['contacts', 'requests', '--json'])).stdout) as Request[];
  const approveAuto = async () => {
    const result = await cli(['contacts', 'approve', '--auto', '--yes', '--json']);
    return { code: result.code, report: JSON.parse(result.stdout) as { outcomes: { userId: string; accountId: number; result: string; linked: boolean }[]; left: Request[] } };
  };
  return { ...login, cli, send, linked, waiting, approveAuto };
}

const account = (account_id: number, name: string, organization_id: number, organization_name: string, department = '') =>
  addAccount(sandbox.control.state, { account_id, name, chatwork_id: `t${account_id}`, organization_id, organization_name, department });
const whyOf = (list: Request[]) => Object.fromEntries(list.map((r) => [r.requestId, [r.why, r.userId]]));

describe('the impostors of the demo seed', () => {
  it('neither is approved or linked, whatever their name or typed organisation; both stay pending; the employees are approved', async () => {
    const { cli, send, linked, waiting, approveAuto } = await demo();
    const noOrg = send('impostor_okada'); // 岡田 佳奈, no organisation, 人事部 like E0027
    const sameName = send('impostor_goto'); // 後藤 駿, "株式会社サンプル商事" typed under organisation 9666
    expect(whyOf(await waiting())).toEqual({ [noOrg]: ['noOrganization', null], [sameName]: ['otherOrganization', null] });
    const ja = (await cli(['--lang', 'ja', 'contacts', 'requests'])).stdout;
    expect(ja).toContain('Chatworkの組織が未設定のため、氏名にかかわらず自動では承認しません');
    expect(ja).toContain('別の組織（株式会社サンプル商事、組織ID 9666）のため自動では承認しません');
    expect((await cli(['contacts', 'requests'])).stdout).toContain('another organisation (株式会社サンプル商事, organisation id 9666): never approved automatically');

    const before = await linked();
    const first = await approveAuto();
    expect(first.code).toBe(ExitCode.ok);
    expect(first.report.outcomes).toEqual([]);
    expect(whyOf(first.report.left)).toEqual({ [noOrg]: ['noOrganization', null], [sameName]: ['otherOrganization', null] });
    expect(sandbox.control.state.requestLog).toEqual([]);
    expect(await linked()).toEqual(before);
    expect((await waiting()).map((r) => r.requestId).sort()).toEqual([noOrg, sameName].sort());
    const doctor = JSON.parse((await cli(['doctor', '--json'])).stdout) as { checks: { findingKey: string; status: string; finding: string }[] };
    expect(doctor.checks.find((c) => c.findingKey === 'doctor.trust.requestsLeft')).toMatchObject({
      status: 'warn', finding: '2 waiting contact request(s) are not approved automatically: no organisation 1, another organisation 1',
    });
    expect((await cli(['--lang', 'ja', 'doctor'])).stdout).toContain('承認待ちのコンタクト追加リクエストのうち2件は自動では承認しません: 組織が未設定1件、別の組織1件');

    // The real employees ask too: they, and only they, are approved and linked.
    send('kana_okada');
    send('shun_goto');
    const second = await approveAuto();
    expect(second.report.outcomes.map((o) => [o.userId, o.accountId, o.result, o.linked]).sort())
      .toEqual([['E0027', OKADA, 'approved', true], ['E0028', GOTO, 'approved', true]]);
    expect(await linked()).toMatchObject({ E0027: OKADA, E0028: GOTO });
    expect((await waiting()).map((r) => r.requestId).sort()).toEqual([noOrg, sameName].sort());
  });

  it('link --auto applies the same rule to impostors approved by hand, and the review and doctor say why', async () => {
    const { cli, send, linked } = await demo();
    for (const id of [send('impostor_okada'), send('impostor_goto')]) expect((await cli(['contacts', 'approve', String(id)])).code).toBe(ExitCode.ok);
    const before = await linked();
    expect(before.E0027).toBeUndefined();
    const result = await cli(['link', '--auto', '--yes', '--json']);
    expect(result.code).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as { applied: unknown[]; review: { userId: string; accountId: number; why: string; organizationId: number }[] };
    expect(report.applied).toEqual([]);
    expect(report.review.map((r) => [r.userId, r.accountId, r.why, r.organizationId]).sort())
      .toEqual([['E0027', 3_100_002, 'noOrganization', 0], ['E0028', 3_100_003, 'otherOrganization', 9_666]]);
    expect(await linked()).toEqual(before);
    const dry = await cli(['--lang', 'ja', 'link', '--auto', '--dry-run']);
    expect(dry.stderr).toMatch(/自動にしない理由/);
    expect(dry.stderr).toContain('Chatworkの組織が未設定');
    expect(dry.stderr).toContain('別の組織（株式会社サンプル商事、組織ID 9666）');
    const doctor = JSON.parse((await cli(['doctor', '--json'])).stdout) as { checks: { findingKey: string; status: string; finding: string }[] };
    expect(doctor.checks.find((c) => c.findingKey === 'doctor.trust.linksLeft')).toMatchObject({
      status: 'warn', finding: '2 possible link(s) for unlinked users are not made automatically: no organisation 1, another organisation 1',
    });
  });
});

describe('ambiguity, no match, and an unknown own organisation', () => {
  it('an ambiguous request and an unmatched one are never approved automatically, and say why', async () => {
    const { cli, send, waiting, approveAuto } = await demo();
    account(3_900_001, '岡田 佳奈', 9_001, '株式会社サンプル商事', '人事部'); // the same organisation, E0027's name and department
    account(3_900_002, '新井 新', 9_001, '株式会社サンプル商事'); // a colleague not in the directory
    const real = send('kana_okada');
    const twin = sandbox.control.sendRequest({ accountId: 3_900_001 }).requestId;
    const nobody = sandbox.control.sendRequest({ accountId: 3_900_002 }).requestId;
    expect(whyOf(await waiting())).toEqual({ [real]: ['ambiguous', null], [twin]: ['ambiguous', null], [nobody]: ['none', null] });
    const { code, report } = await approveAuto();
    expect(code).toBe(ExitCode.ok);
    expect(report.outcomes).toEqual([]);
    expect(report.left.find((r) => r.requestId === real)!.candidates).toEqual(['E0027']);
    expect(sandbox.control.state.requestLog).toEqual([]);
    const ja = (await cli(['--lang', 'ja', 'contacts', 'requests'])).stdout;
    expect(ja).toContain('候補が複数あります: 岡田 佳奈 (E0027)');
    expect(ja).toContain('該当するHiManagerユーザーがいません');
  });

  it('with no organisation on /me, nothing is approved or linked automatically, not even a trusted one', async () => {
    const { cli, send, linked, waiting, approveAuto, configDir } = await demo();
    // What login stored names the company; only /me, read in this run, counts.
    await withStore(configDir, (store) => store.config.update((s) => {
      s.account = { accountId: OPERATOR, name: 'HiManager通知', chatworkId: 'himanager_notify', organizationName: '株式会社サンプル商事' };
    }));
    expect((await cli(['contacts', 'trust-org', '9001'])).code).toBe(ExitCode.ok);
    sandbox.control.state.accounts.get(OPERATOR)!.organization_id = 0;
    const okada = send('kana_okada');
    expect(whyOf(await waiting())).toEqual({ [okada]: ['ownOrganizationUnknown', null] });
    const { report } = await approveAuto();
    expect(report.outcomes).toEqual([]);
    expect(sandbox.control.state.requestLog).toEqual([]);
    const said = await cli(['contacts', 'approve', '--auto', '--yes']);
    expect(said.stderr).toContain('Chatwork gives no organisation id for the notification account: nothing is approved or linked automatically');

    expect((await cli(['unlink', 'E0001'])).code).toBe(ExitCode.ok);
    const relink = JSON.parse((await cli(['link', '--auto', '--yes', '--json'])).stdout) as { applied: unknown[]; review: { userId: string; why: string }[] };
    expect(relink.applied).toEqual([]);
    expect(relink.review).toEqual([expect.objectContaining({ userId: 'E0001', why: 'ownOrganizationUnknown' })]);
    expect((await linked()).E0001).toBeUndefined();
    const doctor = JSON.parse((await cli(['doctor', '--json'])).stdout) as { checks: { findingKey: string; status: string }[] };
    expect(doctor.checks.find((c) => c.findingKey === 'doctor.trust.ownUnknown')).toMatchObject({ status: 'warn' });

    // The organisation comes back on /me: the next run approves and links again.
    sandbox.control.state.accounts.get(OPERATOR)!.organization_id = 9_001;
    expect(JSON.parse((await cli(['link', '--auto', '--yes', '--json'])).stdout).applied.map((a: { userId: string }) => a.userId)).toEqual(['E0001']);
    expect((await approveAuto()).report.outcomes.map((o) => o.userId)).toEqual(['E0027']);
  });

  it('an organisation name from outside is shown inert: notation neutralised, terminal controls visible', async () => {
    const { cli, send } = await demo();
    account(3_900_003, '\u5f8c\u85e4 \u99ff', 9_777, '[toall]\x1b]0;pwned\x07偽');
    sandbox.control.sendRequest({ accountId: 3_900_003 });
    send('shun_goto');
    const out = (await cli(['--lang', 'ja', 'contacts', 'requests'])).stdout;
    expect(out).toContain('別の組織（［toall］\\x1b］0;pwned\\x07偽、組織ID 9777）');
    // The employee beside them is approved as usual: another organisation never makes a match ambiguous.
    expect(out).toContain('後藤 駿 (E0028)');
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('[toall]');
  });
});

describe.each(BACKENDS)('contacts trust-org (%s)', (backend) => {
  it('adds, lists, removes; a trusted organisation is then approved; bad input is exit 2 and changes nothing', async () => {
    const { cli, send, linked, approveAuto } = await demo(backend);
    // E0027 works at a group company with its own Chatwork organisation.
    Object.assign(sandbox.control.state.accounts.get(OKADA)!, { organization_id: 9_002, organization_name: '株式会社サンプル西日本' });
    const okada = send('kana_okada');
    expect(whyOf((await approveAuto()).report.left)).toEqual({ [okada]: ['otherOrganization', null] });
    const list = async () => JSON.parse((await cli(['contacts', 'trust-org', '--json'])).stdout).trusted as number[];
    expect(await list()).toEqual([]);
    expect((await cli(['--lang', 'ja', 'contacts', 'trust-org'])).stderr).toContain('連携アカウント自身の組織のほかに、信頼する組織はありません。');

    const added = await cli(['contacts', 'trust-org', '9002']);
    expect(added.code).toBe(ExitCode.ok);
    expect(added.stderr).toContain('Organisation 9002 is now trusted');
    expect((await cli(['contacts', 'trust-org', '9002'])).stderr).toContain('Organisation 9002 is already trusted; nothing was changed.');
    expect((await cli(['contacts', 'trust-org', '12'])).code).toBe(ExitCode.ok);
    expect(await list()).toEqual([12, 9_002]);
    const shown = await cli(['contacts', 'trust-org']);
    expect(shown.stdout).toBe('12\n9002\n');

    for (const bad of ['0', '-1', 'abc', '1.5', '9007199254740992', '０１']) {
      const result = await cli(['contacts', 'trust-org', bad]);
      expect(result.code, bad).toBe(ExitCode.usage);
      expect(result.stderr).toContain(`organization_id "${bad}" is not a Chatwork organisation id`);
    }
    const notListed = await cli(['--lang', 'ja', 'contacts', 'trust-org', '--remove', '777']);
    expect(notListed.code).toBe(ExitCode.usage);
    expect(notListed.stderr).toContain('組織ID 777は信頼する組織に含まれていないため、何も変更していません');
    expect((await cli(['contacts', 'trust-org', '--remove'])).code).toBe(ExitCode.usage);
    expect(await list()).toEqual([12, 9_002]);

    const doctor = JSON.parse((await cli(['doctor', '--json'])).stdout) as { checks: { findingKey: string; finding: string }[] };
    expect(doctor.checks.find((c) => c.findingKey === 'doctor.trust.ok')!.finding).toContain('organisation 9001 (the notification account\'s, as Chatwork gives it now) and the trusted list: 12, 9002');

    const { report } = await approveAuto();
    expect(report.outcomes).toEqual([expect.objectContaining({ userId: 'E0027', accountId: OKADA, result: 'approved', linked: true })]);
    expect((await linked()).E0027).toBe(OKADA);

    expect((await cli(['contacts', 'trust-org', '--remove', '9002'])).stderr).toContain('Organisation 9002 is no longer trusted.');
    expect((await cli(['contacts', 'trust-org', '--remove', '12'])).code).toBe(ExitCode.ok);
    expect(await list()).toEqual([]);
  });
});
