import { readState } from '../helpers/state.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { DEMO_PEOPLE } from '../../sandbox/src/seed/demo-people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_USERS, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());


async function withUsers() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], stdin?: string) => runCli([...login.args, ...args], { env: login.env, stdin });
  expect((await cli(['users', 'import', DEMO_USERS])).code).toBe(0);
  return { ...login, cli };
}

const settingsOf = (configDir: string) => readState(configDir);

describe('users import and list', () => {
  it('imports the demo directory (UTF-8 with BOM, Japanese headers) and says what changed', async () => {
    const login = await loggedInConfigDir(sandbox);
    const first = await runCli([...login.args, 'users', 'import', DEMO_USERS], { env: login.env });
    expect(first.stderr).toContain(': 30 people. 30 added, 0 changed, 0 retired, 0 back.');
    const smaller = join(mkdtempSync(join(tmpdir(), 'hmcw-')), 'users.csv');
    writeFileSync(smaller, readFileSync(DEMO_USERS, 'utf8').split('\r\n').filter((l) => !l.startsWith('E0030')).join('\r\n').replace('山田 太郎,', '山田 太郎（改）,'));
    const second = await runCli([...login.args, 'users', 'import', smaller, '--json'], { env: login.env });
    // Absent people are retired, never deleted (users sync's rule).
    expect(JSON.parse(second.stdout)).toMatchObject({ users: 29, added: [], changed: [{ id: 'E0001', fields: ['name'] }], retired: [{ id: 'E0030', cause: 'absent' }] });
  });

  it('changes nothing when the file has a problem, and names file and line (exit 2)', async () => {
    const { cli, configDir } = await withUsers();
    const bad = join(mkdtempSync(join(tmpdir(), 'hmcw-')), 'bad.csv');
    writeFileSync(bad, 'id,name,email\nA,Ann,ann@x.jp\nB,Bob,bob-at-x\n');
    const before = await readState(configDir);
    const result = await cli(['--lang', 'ja', 'users', 'import', bad]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(`${bad}:3: メールアドレス「bob-at-x」の形式が正しくありません`);
    expect(await readState(configDir)).toEqual(before);
  });

  it('lists users with their link state', async () => {
    const { cli } = await withUsers();
    await cli(['link', 'E0001', '2000001']);
    const users = JSON.parse((await cli(['users', 'list', '--json'])).stdout) as { id: string; linked: boolean; reading?: string }[];
    expect(users.filter((u) => u.linked).map((u) => u.id)).toEqual(['E0001']);
    // The demo directory's フリガナ column is kept, for matching names by reading.
    expect(users.find((u) => u.id === 'E0020')!.reading).toBe('キムラ ハルト');
  });
});

describe('link, unlink, links', () => {
  it('links by e-mail and Chatwork id, never one contact to two users', async () => {
    const { cli, configDir } = await withUsers();
    expect((await cli(['link', 'taro.yamada@sample.co.jp', 'taro_yamada'])).stderr).toContain('Linked 山田 太郎 (E0001) → 山田太郎 (2000001).');
    const taken = await cli(['link', 'E0002', '2000001']);
    expect(taken.code).toBe(ExitCode.usage);
    expect(taken.stderr).toContain('already linked to user E0001');
    expect((await cli(['link', 'E9999', '2000001'])).stderr).toContain('no HiManager user "E9999"');
    expect((await cli(['link', 'E0002', 'nobody'])).stderr).toContain('no Chatwork contact "nobody"');
    expect((await settingsOf(configDir)).links).toMatchObject({ E0001: { accountId: 2000001, source: 'manual' } });
    expect((await cli(['unlink', 'E0001'])).code).toBe(0);
    expect((await settingsOf(configDir)).links).toEqual({});
    expect((await cli(['unlink', 'E0001'])).code).toBe(ExitCode.usage);
  });

  it('reports links whose contact went away, ends the link of a user who left, and lists the unlinked users', async () => {
    const { cli, configDir } = await withUsers();
    await cli(['link', 'E0001', '2000001']);
    await cli(['link', 'E0030', '2000030']);
    await cli(['link', 'E0002', '2000002']);
    sandbox.control.removeContact(2000001);
    const csv = readFileSync(DEMO_USERS, 'utf8').split('\r\n').filter((l) => !l.startsWith('E0030')).join('\r\n');
    const smaller = join(configDir, 'smaller.csv');
    writeFileSync(smaller, csv);
    const imported = await cli(['users', 'import', smaller]);
    expect(imported.stderr).toContain('1 link(s) of retired people ended');
    const report = JSON.parse((await cli(['links', '--json'])).stdout);
    const states = Object.fromEntries(report.links.map((l: { userId: string; state: string }) => [l.userId, l.state]));
    expect(states).toEqual({ E0001: 'contact-gone', E0002: 'ok' });
    expect(report.unlinked).toHaveLength(27);
  });
});

describe('link --auto', () => {
  it('applies only unambiguous matches with --yes, all of them right, and lists the rest', async () => {
    const { cli } = await withUsers();
    const result = await cli(['link', '--auto', '--yes', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const truth = new Map(DEMO_PEOPLE.map((p, i) => [p.id, p.chatworkName ? 2_000_001 + i : undefined]));
    for (const applied of report.applied) expect(applied.accountId).toBe(truth.get(applied.userId));
    // The namesakes (佐藤 美咲 ×2) are told apart by department; names in hiragana and romaji match
    // through the directory's フリガナ; only the two people who are not contacts are left.
    expect(report.applied.map((a: { userId: string }) => a.userId)).toEqual(expect.arrayContaining(['E0005', 'E0006', 'E0007', 'E0020', 'E0024']));
    expect(report.review).toEqual([]);
    expect(report.unmatched.map((u: { userId: string }) => u.userId).sort()).toEqual(['E0027', 'E0028']);
    expect(report.applied).toHaveLength(28);
    expect(JSON.parse((await cli(['links', '--json'])).stdout).links).toHaveLength(28);
  });

  it('changes nothing with --dry-run, and needs --yes off a terminal', async () => {
    const { cli, configDir } = await withUsers();
    const dry = await cli(['link', '--auto', '--dry-run']);
    expect(dry.stderr).toContain('Dry run: 28 unambiguous match(es) would be applied with --yes');
    expect((await settingsOf(configDir)).links).toEqual({});
    const refused = await cli(['link', '--auto']);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('--yes');
  });
});

describe('links export and import', () => {
  it('round-trips the whole mapping through a spreadsheet, edits included', async () => {
    const { cli, configDir } = await withUsers();
    await cli(['link', '--auto', '--yes']);
    const before = (await settingsOf(configDir)).links;
    const file = join(configDir, 'links.csv');
    expect((await cli(['--lang', 'ja', 'links', 'export', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFユーザーID,氏名,メールアドレス,部署,ChatworkアカウントID')).toBe(true);
    expect((await cli(['links', 'import', file])).stderr).toContain('0 added, 0 changed, 0 removed');
    expect((await settingsOf(configDir)).links).toEqual(before);
    // The reviewer swaps the namesakes, and unlinks someone.
    const edited = text.replace(/^(E0005,佐藤 美咲,[^,]*,営業部),2000005,/m, '$1,2000006,').replace(/^(E0006,佐藤 美咲,[^,]*,開発部),2000006,/m, '$1,2000005,')
      .replace(/^(E0001,山田 太郎,[^,]*,営業部),2000001,/m, '$1,,');
    writeFileSync(file, edited);
    const imported = await cli(['links', 'import', file, '--json']);
    expect(imported.stderr).toBe('');
    const result = JSON.parse(imported.stdout);
    // Without --prune an import only adds and changes: the link the file drops is kept.
    expect(result).toMatchObject({ added: [], changed: ['E0005', 'E0006'], removed: [], kept: ['E0001'] });
    const pruned = JSON.parse((await cli(['links', 'import', file, '--prune', '--json'])).stdout);
    expect(pruned).toMatchObject({ added: [], changed: [], removed: ['E0001'], kept: [] });
  });

  it('refuses a file that links one contact twice or names a stranger, changing nothing', async () => {
    const { cli, configDir } = await withUsers();
    const file = join(configDir, 'links.csv');
    writeFileSync(file, 'user_id,account_id\nE0001,2000001\nE0002,2000001\nE0003,999\nE0004,abc\n');
    const result = await cli(['links', 'import', file]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(`${file}:3: duplicate account_id "2000001" (first on line 2)`);
    expect(result.stderr).toContain(`${file}:4: "999" is not a contact of the connected account`);
    expect(result.stderr).toContain(`${file}:5: account id "abc" is not a number`);
    expect((await settingsOf(configDir)).links).toEqual({});
  });
});

describe('destinations', () => {
  it('sets dm, a group room after checking it, and off; refuses a readonly or unknown room', async () => {
    const { cli } = await withUsers();
    const rooms = sandbox.control.rooms();
    const hr = rooms.find((r) => r.name === '人事部 HiManager通知')!.room_id;
    const board = rooms.find((r) => r.name === '経営会議')!.room_id;
    expect((await cli(['destinations', 'set', 'praise', 'dm'])).code).toBe(0);
    expect((await cli(['destinations', 'set', 'survey', `room:${hr}`])).stderr).toContain(`group chat 人事部 HiManager通知 (room ID ${hr})`);
    expect((await cli(['destinations', 'set', 'update_survey', 'off'])).code).toBe(0);
    const readonly = await cli(['destinations', 'set', 'praise', `room:${board}`]);
    expect(readonly.code).toBe(ExitCode.usage);
    expect(readonly.stderr).toContain('readonly');
    expect((await cli(['destinations', 'set', 'praise', 'room:12345'])).stderr).toContain('does not exist or the account is not a member');
    expect((await cli(['destinations', 'set', 'kudos', 'dm'])).stderr).toContain('praise, survey or update-survey');
    expect(JSON.parse((await cli(['destinations', '--json'])).stdout)).toEqual({ praise: 'dm', survey: `room:${hr}`, 'update-survey': 'off' });
    expect((await cli(['--lang', 'ja', 'destinations'])).stdout).toContain('アップデートサーベイ');
  });

  it('accepts the obvious forms (DM, a bare room id, a room name) and lists rooms by name', async () => {
    const { cli } = await withUsers();
    const hr = sandbox.control.rooms().find((r) => r.name === '人事部 HiManager通知')!.room_id;
    expect((await cli(['destinations', 'set', 'survey', 'DM'])).code).toBe(0);
    expect((await cli(['destinations', 'set', 'praise', String(hr)])).code).toBe(0);
    expect((await cli(['destinations', 'set', 'update-survey', '人事部 HiManager通知'])).code).toBe(0);
    expect(JSON.parse((await cli(['destinations', '--json'])).stdout)).toEqual({ praise: `room:${hr}`, survey: 'dm', 'update-survey': `room:${hr}` });
    const list = await cli(['--lang', 'ja', 'destinations']);
    expect(list.stdout).toContain(`グループチャット「人事部 HiManager通知」（ルームID ${hr}）`);
    const unknown = await cli(['--lang', 'ja', 'destinations', 'set', 'survey', '人事部']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain(`もしかして: room:${hr}（人事部 HiManager通知）`);
  });
});

describe('link --auto on a terminal', () => {
  it('applies all unambiguous matches, none, or each one the admin confirms', async () => {
    const { scriptedPrompter } = await import('../helpers/scripted-prompter.js');
    const { args, env, configDir } = await withUsers();
    const none = scriptedPrompter(['none']);
    await runCli([...args, 'link', '--auto'], { env, tty: true, overrides: { prompts: none } });
    expect((await settingsOf(configDir)).links).toEqual({});

    // One by one: yes to the first two questions, no to every other.
    const answers: unknown[] = ['each', true, true, ...Array(40).fill(false)];
    const each = scriptedPrompter(answers);
    const confirmed = await runCli([...args, '--lang', 'ja', 'link', '--auto'], { env, tty: true, overrides: { prompts: each } });
    expect(Object.keys((await settingsOf(configDir)).links)).toHaveLength(2);
    // Reported as the admin's choices, not "automatic"; the table shows both departments; the
    // people with no candidate are named, and pointed at the invitation.
    expect(confirmed.stderr).toContain('確認した2人を紐付けました。');
    expect(confirmed.stderr).not.toContain('自動で紐付けました');
    expect(confirmed.stderr).toMatch(/部署\s+Chatworkコンタクト\s+コンタクトの部署/);
    expect(confirmed.stderr).toMatch(/候補なし（2人）: .+ \(E00\d\d\)、.+ \(E00\d\d\)/);
    expect(confirmed.stderr).toContain('`invite`で案内文を作成する');
    expect(Object.values((await settingsOf(configDir)).links).every((link) => (link as { source: string }).source === 'manual')).toBe(true);

    // Yes to everything: the namesakes, told apart by department, are asked once each.
    const { args: args2, env: env2, configDir: dir2 } = await withUsers();
    const yesToAll = scriptedPrompter(['each', ...Array(60).fill(true)]);
    await runCli([...args2, 'link', '--auto'], { env: env2, tty: true, overrides: { prompts: yesToAll } });
    expect(yesToAll.asked.filter((q) => q.includes('佐藤 美咲')).length).toBe(2);
    expect((await settingsOf(dir2)).links).toMatchObject({ E0005: { accountId: 2000005 }, E0006: { accountId: 2000006 } });
    expect(Object.keys((await settingsOf(dir2)).links)).toHaveLength(28);

    const all = scriptedPrompter(['all']);
    await runCli([...args, 'link', '--auto'], { env, tty: true, overrides: { prompts: all } });
    expect(Object.keys((await settingsOf(configDir)).links)).toHaveLength(28);
  });
});
