import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import type { Prompter } from '../../src/io/prompter.js';
import { addAccount, addContact } from '../../sandbox/src/model/people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { BACKENDS, DEMO_USERS, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

// Decisions that stick (issue 26): "not this person" is remembered everywhere the matcher
// proposes, and a person who re-adds the notification account from the account they had is
// recognised from the link history; an impostor once linked by mistake never is.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const SATO_KEN_OUTSIDER = 3_000_002; // 佐藤 健 at 外部パートナー合同会社 (organisation 9101), a contact
const KIMURA_NAMESAKE = 2_100_001; // 木村 直樹 of the company's own organisation, 経理部: not our 木村 直樹 of 営業部
const TANAKA = 2_000_013; // E0013 田中 舞, mai_tanaka
const OKADA = 2_000_027; // E0027 岡田 佳奈, kana_okada, not a contact

/** A prompter that answers from a script and records each question with its choices. */
function recordingPrompter(answers: unknown[]): Prompter & { asked: { message: string; choices: string[] }[] } {
  const asked: { message: string; choices: string[] }[] = [];
  const next = (message: string, choices: string[] = []) => {
    asked.push({ message, choices });
    if (answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return answers.shift();
  };
  return {
    asked,
    input: async (m) => next(m) as string, password: async (m) => next(m) as string,
    confirm: async (m) => next(m) as boolean, select: async (m, choices) => next(m, choices.map((c) => c.name)) as never,
  };
}

async function demo(backend: Backend, extraRows: string[] = []) {
  const login = await loggedInConfigDir(sandbox, backend);
  const cli = (args: string[], options: { prompts?: Prompter; lang?: string } = {}) => runCli([...login.args, ...(options.lang ? ['--lang', options.lang] : []), ...args],
    { env: login.env, ...(options.prompts ? { tty: true, overrides: { prompts: options.prompts } } : {}) });
  const users = join(login.configDir, 'users.csv');
  writeFileSync(users, [readFileSync(DEMO_USERS, 'utf8').trimEnd(), ...extraRows].join('\r\n') + '\r\n');
  expect((await cli(['users', 'import', users])).code).toBe(ExitCode.ok);
  const json = async <T>(args: string[]) => JSON.parse((await cli(args)).stdout) as T;
  const proposed = async () => (await json<{ review: { userId: string; accountId: number }[] }>(['link', '--auto', '--dry-run', '--json'])).review.map((r) => [r.userId, r.accountId]);
  const invited = async () => (await json<{ people: { id: string }[] }>(['invite', '--json'])).people.map((p) => p.id);
  const reach = async () => (await json<{ checks: { findingKey: string; finding: string }[] }>(['doctor', '--json'])).checks.find((c) => c.findingKey === 'doctor.reach.unreachable')?.finding ?? '';
  const linked = async () => Object.fromEntries((await json<{ id: string; accountId: number | null }[]>(['users', 'list', '--json'])).filter((u) => u.accountId !== null).map((u) => [u.id, u.accountId]));
  const waiting = async () => json<{ requestId: number; userId: string | null; reason: string | null; why: string; readdedUserId: string | null }[]>(['contacts', 'requests', '--json']);
  const send = (chatworkId: string) => sandbox.control.sendRequest({ chatworkId, message: 'HiManagerの通知を受け取ります' }).requestId;
  const history = () => withStore(login.configDir, (store) => store.decisions.history());
  return { ...login, cli, proposed, invited, reach, linked, waiting, send, history };
}

const account = (account_id: number, name: string, chatwork_id: string, department: string, contact: boolean, organization_id = 9_001) => {
  addAccount(sandbox.control.state, { account_id, name, chatwork_id, organization_id, organization_name: '株式会社サンプル商事', department });
  if (contact) addContact(sandbox.control.state, sandbox.control.state.operatorId, account_id);
};

describe.each(BACKENDS)('"not this person" sticks (%s)', (backend) => {
  it('佐藤 健 and 木村 直樹: "no" in a review is never proposed again by link --auto, requests or doctor; they go to invite; --undo brings the pair back', async () => {
    account(KIMURA_NAMESAKE, '木村 直樹', 'naoki_kimura_acct', '経理部', true);
    const d = await demo(backend, ['E0031,佐藤 健,サトウ ケン,ken.sato@sample.co.jp,営業部', 'E0032,木村 直樹,キムラ ナオキ,naoki.kimura@sample.co.jp,営業部']);
    expect((await d.cli(['link', '--auto', '--yes'])).code).toBe(ExitCode.ok);
    expect(await d.proposed()).toEqual(expect.arrayContaining([['E0031', SATO_KEN_OUTSIDER], ['E0032', KIMURA_NAMESAKE]]));
    // 木村 has a candidate of the company's organisation, so he is not counted as "not a contact" yet.
    expect(await d.invited()).not.toContain('E0032');
    expect(await d.reach()).not.toContain('E0032');

    // The review: each shows the organisation (name and id) and the department of its candidates; both answered "not this person".
    const prompts = recordingPrompter([{ kind: 'reject' }, { kind: 'reject' }]);
    const review = await d.cli(['link', '--review'], { prompts });
    expect(review.code, review.stderr).toBe(ExitCode.ok);
    expect(prompts.asked.map((a) => a.message)).toEqual([
      expect.stringMatching(/^\[1\/2\] Who is 佐藤 健 \(E0031\)/), expect.stringMatching(/^\[2\/2\] Who is 木村 直樹 \(E0032\)/)]);
    expect(prompts.asked[0]!.choices[0]).toBe(`佐藤 健 (${SATO_KEN_OUTSIDER}), 外部パートナー合同会社 (organisation id 9101), department: -, 22% (another organisation (外部パートナー合同会社, organisation id 9101))`);
    expect(prompts.asked[1]!.choices[0]).toContain('株式会社サンプル商事 (organisation id 9001), department: 経理部');
    expect(prompts.asked[0]!.choices.slice(-2)).toEqual(['not this person (never suggest these again)', 'decide later']);
    expect(review.stderr).toMatch(/user\(s\) have no candidate .*佐藤 健 \(E0031\).*木村 直樹 \(E0032\)/);
    expect(review.stderr).toContain('Review: 0 linked, 2 said not to be the person, 0 left for later.');

    const after = await d.proposed();
    expect(after.filter(([user]) => user === 'E0031' || user === 'E0032')).toEqual([]);
    expect(await d.invited()).toEqual(expect.arrayContaining(['E0031', 'E0032']));
    expect(await d.reach()).toContain('E0032');
    // Nothing left to ask: a second review asks nothing.
    const again = recordingPrompter([]);
    expect((await d.cli(['link', '--review'], { prompts: again })).code).toBe(ExitCode.ok);
    expect(again.asked).toEqual([]);

    expect((await d.cli(['link', 'reject', '--undo', 'naoki.kimura@sample.co.jp', 'naoki_kimura_acct'])).code).toBe(ExitCode.ok);
    expect(await d.proposed()).toContainEqual(['E0032', KIMURA_NAMESAKE]);
    expect(await d.invited()).not.toContain('E0032');
    // A rejected pair is linked by hand only once the rejection is taken back.
    const refused = await d.cli(['link', 'E0031', String(SATO_KEN_OUTSIDER)]);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain(`link reject --undo E0031 ${SATO_KEN_OUTSIDER}`);
    expect((await d.linked()).E0031).toBeUndefined();
  });

  it('link reject on the command line: a request from the rejected account is neither matched nor approved; --undo and it is', async () => {
    const d = await demo(backend);
    expect((await d.cli(['link', '--auto', '--yes'])).code).toBe(ExitCode.ok);
    // Not a contact: named by its account id.
    const reject = await d.cli(['link', 'reject', 'E0027', String(OKADA)]);
    expect(reject.code, reject.stderr).toBe(ExitCode.ok);
    expect((await d.cli(['link', 'reject', 'kana.okada@sample.co.jp', String(OKADA)])).stderr).toContain('already recorded');
    const request = d.send('kana_okada');
    expect(await d.waiting()).toMatchObject([{ requestId: request, userId: null, why: 'none' }]);
    const auto = await d.cli(['contacts', 'approve', '--auto', '--yes', '--json']);
    expect(JSON.parse(auto.stdout).outcomes).toEqual([]);
    expect(sandbox.control.state.requestLog).toEqual([]);
    expect(await d.invited()).toContain('E0027');

    expect((await d.cli(['link', 'reject', '--undo', 'E0027', String(OKADA)])).code).toBe(ExitCode.ok);
    expect(await d.waiting()).toMatchObject([{ requestId: request, userId: 'E0027', why: 'match' }]);
    const approved = JSON.parse((await d.cli(['contacts', 'approve', '--auto', '--yes', '--json'])).stdout).outcomes;
    expect(approved).toMatchObject([{ userId: 'E0027', accountId: OKADA, result: 'approved', linked: true }]);
    const bad = await d.cli(['link', 'reject', 'E0027']);
    expect(bad.code).toBe(ExitCode.usage);
  });
});

describe.each(BACKENDS)('re-added contacts (%s)', (backend) => {
  it('田中 舞: contact removed, a new request from the same account is recognised, approved by --auto and linked again', async () => {
    const d = await demo(backend);
    // Linked as an admin confirms on a terminal: every unambiguous match at once.
    const prompts = recordingPrompter(['all']);
    expect((await d.cli(['link', '--auto'], { prompts })).code).toBe(ExitCode.ok);
    expect((await d.linked()).E0013).toBe(TANAKA);
    sandbox.control.removeContact(TANAKA);
    const request = d.send('mai_tanaka');
    expect(await d.waiting()).toMatchObject([{ requestId: request, userId: 'E0013', reason: 'readded', why: 'match', readdedUserId: 'E0013' }]);
    expect((await d.cli(['contacts', 'requests'], { lang: 'ja' })).stdout).toContain('田中 舞 (E0013)（以前紐付けていたアカウント）');
    const approved = await d.cli(['contacts', 'approve', '--auto', '--yes', '--json']);
    expect(JSON.parse(approved.stdout).outcomes).toMatchObject([{ userId: 'E0013', accountId: TANAKA, result: 'approved', linked: true }]);
    expect(sandbox.control.state.requestLog).toEqual([{ requestId: request, action: 'approved' }]);
    expect((await d.linked()).E0013).toBe(TANAKA);
    const doctor = JSON.parse((await d.cli(['doctor', '--json'])).stdout) as { checks: { findingKey: string; finding: string }[] };
    expect(doctor.checks.find((c) => c.findingKey === 'doctor.links.contactGone')).toBeUndefined();
  });

  it('a link nobody confirmed (--yes) is not enough for --auto; approve <request> --user relinks after one confirmation, --yes off a terminal', async () => {
    const d = await demo(backend);
    expect((await d.cli(['link', '--auto', '--yes'])).code).toBe(ExitCode.ok);
    sandbox.control.removeContact(TANAKA);
    // She asks from a new account of the company's organisation.
    account(2_200_013, '田中 舞', 'mai_tanaka_new', '営業部', false);
    const request = d.send('mai_tanaka_new');
    expect(await d.waiting()).toMatchObject([{ requestId: request, userId: null }]);
    expect(JSON.parse((await d.cli(['contacts', 'approve', '--auto', '--yes', '--json'])).stdout).outcomes).toEqual([]);

    const offTerminal = await d.cli(['contacts', 'approve', String(request), '--user', 'E0013']);
    expect(offTerminal.code).toBe(ExitCode.usage);
    expect(offTerminal.stderr).toContain(`is linked to account ${TANAKA}, which is no longer a contact`);
    expect(sandbox.control.state.requestLog).toEqual([]);
    // On a terminal, "no" changes nothing; then one "yes".
    const no = recordingPrompter([false]);
    expect((await d.cli(['contacts', 'approve', String(request), '--user', 'E0013'], { prompts: no })).code).toBe(ExitCode.ok);
    expect(sandbox.control.state.requestLog).toEqual([]);
    const yes = recordingPrompter([true]);
    const relinked = await d.cli(['contacts', 'approve', String(request), '--user', 'E0013'], { prompts: yes });
    expect(relinked.code, relinked.stderr).toBe(ExitCode.ok);
    expect(yes.asked).toHaveLength(1);
    expect((await d.linked()).E0013).toBe(2_200_013);
    expect((await d.history()).filter((e) => e.userId === 'E0013').map((e) => [e.accountId, e.confirmed, e.reason ?? null]))
      .toEqual([[TANAKA, false, 'contact-gone'], [2_200_013, true, null]]);
    // A live link is still never replaced this way.
    const second = d.send('kana_okada');
    expect((await d.cli(['contacts', 'approve', String(second), '--user', 'E0013', '--yes'])).stderr).toContain('is already linked to');
  });

  it('an impostor linked by mistake and unlinked is never approved automatically when it asks again', async () => {
    account(2_300_013, '田中 舞', 'mai_tanaka_fake', '開発部', true);
    const d = await demo(backend);
    sandbox.control.removeContact(TANAKA);
    expect((await d.cli(['link', 'E0013', 'mai_tanaka_fake'])).code).toBe(ExitCode.ok); // confirmed, by hand: a mistake
    expect((await d.cli(['unlink', 'E0013'])).code).toBe(ExitCode.ok);
    sandbox.control.removeContact(2_300_013);
    const request = d.send('mai_tanaka_fake');
    expect(await d.waiting()).toMatchObject([{ requestId: request, userId: null, readdedUserId: null }]);
    expect(JSON.parse((await d.cli(['contacts', 'approve', '--auto', '--yes', '--json'])).stdout).outcomes).toEqual([]);
    expect(sandbox.control.state.requestLog).toEqual([]);
    expect((await d.linked()).E0013).toBeUndefined();
  });
});
