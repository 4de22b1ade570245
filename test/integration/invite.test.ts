import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_USERS, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

async function demo(usersFile = DEMO_USERS) {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
  await cli(['users', 'import', usersFile]);
  await cli(['link', '--auto', '--yes']);
  for (const type of ['praise', 'survey', 'update-survey']) await cli(['destinations', 'set', type, type === 'update-survey' ? 'off' : 'dm']);
  return { ...login, cli };
}

describe('invite', () => {
  it('writes the announcement for the people the account cannot reach, in Japanese by default and in English', async () => {
    const { cli } = await demo();
    const ja = await cli(['invite']);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('【お願い】Chatworkで「HiManager通知」をコンタクトに追加してください（HiManagerの通知）');
    expect(ja.stdout).toContain('対象の方: 岡田 佳奈さん、後藤 駿さん');
    expect(ja.stdout).toContain('HiManagerの通知（称賛、サーベイ）を、Chatworkのダイレクトチャットでお届けします。');
    expect(ja.stdout).toContain('「Chatwork IDで検索」に「himanager_notify」と入力して検索します。');
    expect(ja.stdout).toContain('https://www.chatwork.com/himanager_notify');
    expect(ja.stderr).toContain('contacts approve --auto');
    const en = await cli(['invite', '--lang', 'en']);
    expect(en.stdout).toContain('Please add "HiManager通知" as a Chatwork contact');
    expect(en.stdout).toContain('For: 岡田 佳奈, 後藤 駿');
  });

  it('writes one CSV row per person for a mail merge, formulas and Chatwork notation made inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-invite-'));
    const users = join(dir, 'users.csv');
    writeFileSync(users, `${readFileSync(DEMO_USERS, 'utf8')}E0099,=1+2[toall],,evil@sample.co.jp,総務部\r\n`);
    const { cli } = await demo(users);
    const file = join(dir, 'invitations.csv');
    const result = await cli(['invite', '--format', 'csv', '--output', file]);
    expect(result.stderr).toContain(`Wrote the invitation for 3 person(s) to ${file}.`);
    const rows = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['id', 'name', 'email', 'subject', 'body']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['E0027', 'E0028', 'E0099']);
    const evil = rows.find((r) => r[0] === 'E0099')!;
    expect(evil[1]).toBe("'=1+2[toall]");
    expect(evil[4]).toMatch(/^'=1\+2［toall］さん\n\n/);
    expect(rows[1]![4]).toMatch(/^岡田 佳奈さん\n\nHiManagerの通知/);
  });

  it('gives JSON, takes --users (ids, e-mails or a file), and refuses unknown users and formats (exit 2)', async () => {
    const { cli, configDir } = await demo();
    const json = JSON.parse((await cli(['invite', '--json'])).stdout);
    expect(json).toMatchObject({ lang: 'ja', account: { chatworkId: 'himanager_notify', profileUrl: 'https://www.chatwork.com/himanager_notify' } });
    expect(json.people.map((p: { id: string }) => p.id)).toEqual(['E0027', 'E0028']);
    const chosen = JSON.parse((await cli(['invite', '--json', '--users', 'shun.goto@sample.co.jp,E0001'])).stdout);
    expect(chosen.people.map((p: { id: string }) => p.id)).toEqual(['E0028']);
    const list = join(configDir, 'who.txt');
    writeFileSync(list, 'E0027\n');
    expect(JSON.parse((await cli(['invite', '--json', '--users', list])).stdout).people.map((p: { id: string }) => p.id)).toEqual(['E0027']);
    const unknown = await cli(['invite', '--users', 'E9999']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain('no HiManager user E9999');
    expect((await cli(['invite', '--format', 'pdf'])).code).toBe(ExitCode.usage);
  });

  it('posts one invitation in a group chat, mentioning the members it concerns, and lists the others', async () => {
    const { cli } = await demo();
    const room = sandbox.control.rooms().find((r) => r.name === '全社連絡')!;
    sandbox.control.state.rooms.get(room.room_id)!.members.set(2_000_027, 'member'); // 岡田 佳奈, "Kana Okada"
    const result = await cli(['invite', '--room', String(room.room_id), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ roomId: room.room_id, posted: true, mentioned: [{ userId: 'E0027', accountId: 2_000_027 }], notInRoom: ['E0028'] });
    const body = sandbox.control.rooms().find((r) => r.room_id === room.room_id)!.messages.at(-1)!.body;
    expect(body.startsWith('[To:2000027]Kana Okadaさん\n')).toBe(true);
    expect(body).toContain('[info][title]【お願い】Chatworkで「HiManager通知」をコンタクトに追加してください');
    const board = sandbox.control.rooms().find((r) => r.name === '経営会議')!;
    expect((await cli(['invite', '--room', String(board.room_id)])).code).toBe(ExitCode.usage);
  });

  it('says how to set a Chatwork ID when the account has none (exit 2)', async () => {
    const { cli } = await demo();
    const state = sandbox.control.state;
    state.accounts.get(state.operatorId)!.chatwork_id = '';
    const result = await cli(['--lang', 'ja', 'invite']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('Chatwork IDが設定されていません');
    expect(result.stderr).toContain('「環境設定」→「Chatwork ID」');
  });
});

