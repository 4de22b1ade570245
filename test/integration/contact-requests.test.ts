import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, dmInbox, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const OKADA = 2_000_027; // E0027 岡田 佳奈, on Chatwork as "Kana Okada", not a contact
const GOTO = 2_000_028; // E0028 後藤 駿, on Chatwork as "ごとう しゅん", not a contact

async function demo() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli([...login.args, ...args], { env: login.env, ...options });
  await setUpDemo(sandbox, cli, (hr) => ({ survey: 'dm', 'update-survey': `room:${hr}`, praise: 'dm' }));
  const send = (chatworkId: string) => sandbox.control.sendRequest({ chatworkId, message: 'HiManager の通知を受け取ります' }).requestId;
  const linked = async () => Object.fromEntries((JSON.parse((await cli(['users', 'list', '--json'])).stdout) as { id: string; accountId: number | null }[])
    .filter((u) => u.accountId !== null).map((u) => [u.id, u.accountId]));
  return { cli, send, linked };
}

describe('contact requests: the loop that reaches everyone', () => {
  it('lists, approves exactly the unambiguous ones and links them, leaves the outsider, reaches them, declines', async () => {
    const { cli, send, linked } = await demo();
    const okada = send('kana_okada');
    const goto = send('shun_goto');
    const outsider = send('partner_goto'); // 後藤 駿 of 株式会社取引先: the very name of an employee
    const listed = JSON.parse((await cli(['contacts', 'requests', '--json'])).stdout);
    expect(listed.map((r: { requestId: number; userId: string | null; why: string }) => [r.requestId, r.userId, r.why])).toEqual(expect.arrayContaining([
      [okada, 'E0027', 'match'], [goto, 'E0028', 'match'], [outsider, null, 'otherOrganization'],
    ]));
    expect((await cli(['--lang', 'ja', 'contacts', 'requests'])).stdout).toContain('別の組織（株式会社取引先、組織ID 9200）のため自動では承認しません');

    const before = await linked();
    const dry = await cli(['contacts', 'approve', '--auto', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).wouldApprove.map((a: { userId: string }) => a.userId).sort()).toEqual(['E0027', 'E0028']);
    expect(await linked()).toEqual(before);
    expect(sandbox.control.state.requestLog).toEqual([]);

    const approved = await cli(['contacts', 'approve', '--auto', '--yes', '--json']);
    expect(approved.code).toBe(0);
    const report = JSON.parse(approved.stdout);
    expect(report.outcomes.map((o: { userId: string; result: string; linked: boolean }) => [o.userId, o.result, o.linked]).sort())
      .toEqual([['E0027', 'approved', true], ['E0028', 'approved', true]]);
    expect(report.left).toMatchObject([{ requestId: outsider, why: 'otherOrganization', organizationId: 9_200, command: `himanager-chatwork contacts approve ${outsider}` }]);
    expect(await linked()).toMatchObject({ E0027: OKADA, E0028: GOTO });
    expect(JSON.parse((await cli(['contacts', 'requests', '--json'])).stdout).map((r: { requestId: number }) => r.requestId)).toEqual([outsider]);

    // The next send-reminders reaches the newly linked person in their new direct chat.
    await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json']);
    expect(dmInbox(sandbox).get(OKADA)).toHaveLength(1);

    const declined = await cli(['contacts', 'decline', String(outsider), '--json']);
    expect(JSON.parse(declined.stdout)).toEqual({ declined: [{ requestId: outsider, accountId: 3_100_001, name: '後藤 駿' }] });
    expect(JSON.parse((await cli(['contacts', 'requests', '--json'])).stdout)).toEqual([]);
    expect(sandbox.control.state.requestLog.map((e) => e.action).sort()).toEqual(['approved', 'approved', 'declined']);
  });

  it('links on the next run a request whose approval answer was lost (5xx after the approve), never approving twice', async () => {
    const { cli, send, linked } = await demo();
    const okada = send('kana_okada');
    sandbox.control.setFaults({ failAfter: 'PUT /incoming_requests', failAfterCount: 1 });
    const first = await cli(['contacts', 'approve', '--auto', '--yes']);
    expect(first.code).toBe(ExitCode.partial);
    expect(first.stderr).toContain('was lost');
    expect((await linked()).E0027).toBeUndefined();
    const second = await cli(['contacts', 'approve', '--auto', '--yes', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).linkedEarlier).toEqual([{ userId: 'E0027', accountId: OKADA, name: 'Kana Okada' }]);
    expect((await linked()).E0027).toBe(OKADA);
    expect(sandbox.control.state.requestLog).toEqual([{ requestId: okada, action: 'approved' }]);
  });

  it('approves one by id with --user, refuses unknown ids (exit 2), needs --yes off a terminal, and asks on one', async () => {
    const { cli, send, linked } = await demo();
    const outsider = send('partner_goto');
    const unknown = await cli(['contacts', 'approve', '999']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain('no waiting contact request 999');
    expect((await cli(['--lang', 'ja', 'contacts', 'decline', '999'])).stderr).toContain('承認待ちのコンタクト追加リクエスト999がありません');
    expect((await cli(['contacts', 'approve', '--auto'])).code).toBe(ExitCode.usage);
    expect((await cli(['--lang', 'ja', 'contacts', 'approve', '--auto', '--dry-run'])).stderr)
      .toContain('確認のみ（変更していません）: 0件を承認して紐付け、承認済みのコンタクト0人を紐付けます。1件は承認待ちのまま残します。');

    const okada = send('kana_okada');
    const prompts = scriptedPrompter([true]);
    const asked = await cli(['contacts', 'approve', '--auto'], { tty: true, overrides: { prompts } });
    expect(asked.code).toBe(0);
    expect(prompts.asked).toEqual(['Approve these 1 request(s) and link each to its user?']);
    expect(sandbox.control.state.requestLog).toEqual([{ requestId: okada, action: 'approved' }]);

    expect((await cli(['contacts', 'approve', String(outsider), '--user', 'E0001'])).stderr).toContain('user E0001 is already linked to 2000001');
    const byHand = await cli(['contacts', 'approve', String(outsider), '--user', 'E0028']);
    expect(byHand.code).toBe(0);
    expect(byHand.stderr).toContain('Approved 後藤 駿');
    expect((await linked()).E0028).toBe(3_100_001);
  });
});
