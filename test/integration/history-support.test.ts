import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { displayWidth } from '../../src/io/display-width.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { TmuxSession, tmuxTool } from '../helpers/tmux.js';

/**
 * "Did 田中さん get the survey reminder?": support finds a person by name, reading, e-mail or
 * id; several matches are listed, none names the nearest; a terminal gets a table in words.
 */

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(4) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const EVENING = '2026-11-25T20:00:00+09:00';
const PEOPLE = [
  { name: '田中 舞', reading: 'タナカ マイ', email: 'mai.tanaka@sample.co.jp', department: '営業部' },
  { name: '田中 一郎', reading: 'タナカ イチロウ', email: 'ichiro.tanaka@sample.co.jp', department: '開発部' },
  { name: '佐藤 健', reading: 'サトウ ケン', email: 'ken.sato@sample.co.jp', department: '人事部' },
  { name: '=1+1 鈴木', reading: 'スズキ', email: 'suzuki@sample.co.jp', department: '総務部' },
];

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const ids = await linkAllContacts(sandbox, login.configDir);
  // One more person, never linked: a skip whose reason must read as words.
  const users = [...ids.slice(0, PEOPLE.length).map((id, i) => ({ id, ...PEOPLE[i]! })), { id: 'E0099', name: '山本 花子', reading: 'ヤマモト ハナコ', email: 'hanako@sample.co.jp' }];
  await withStore(login.configDir, async (store) => {
    await store.users.replaceAll(users);
    await store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; });
  });
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users.map((u) => u.id), title: 'サーベイ 1' }]));
  const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env, clock: clockAt('2026-11-25T21:00:00+09:00') });
  // In the evening, outside the send window: held for the morning; E0099 is skipped (not linked),
  // a standing skip that the exit policy reports without failing the run.
  const sent = await runCli([...login.args, 'send-reminders', '--input', file, '--json'], { env: login.env, clock: clockAt(EVENING) });
  expect(sent.code, sent.stderr).toBe(ExitCode.ok);
  const rows = async (args: string[]) => {
    const result = await cli(['history', '--json', ...args]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { userId: string; status: string; until?: string });
  };
  return { ...login, users, cli, rows };
}

describe.each(BACKENDS)('history --user on %s', (backend) => {
  it('finds one person by name, reading, e-mail or id, and shows only their rows', async () => {
    const f = await setup(backend);
    const mai = f.users[0]!.id;
    for (const reference of ['田中 舞', '田中舞', 'タナカ マイ', 'たなかまい', 'Tanaka Mai', 'MAI.TANAKA@sample.co.jp', mai]) {
      const rows = await f.rows(['--user', reference]);
      expect(rows.length, reference).toBe(1);
      expect(rows[0], reference).toMatchObject({ userId: mai, status: 'deferred', until: expect.stringMatching(/^2026-11-26T09:00/) });
    }
    // A surname that only one person has is that person.
    expect((await f.rows(['--user', '佐藤'])).map((r) => r.userId)).toEqual([f.users[2]!.id]);
  });

  it('lists everyone a reference matches (name, id, e-mail, 部署) and exits 2', async () => {
    const f = await setup(backend);
    const result = await f.cli(['--lang', 'ja', 'history', '--user', '田中']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--user「田中」に該当する人が2人います。');
    for (const person of f.users.slice(0, 2) as (typeof PEOPLE[number] & { id: string })[]) {
      expect(result.stderr).toMatch(new RegExp(`${person.name}\\s+ID ${person.id}\\s+${person.email.replace('.', '\\.')}\\s+${person.department}`));
    }
    expect(result.stderr).not.toContain('佐藤');
  });

  it('names the nearest people for a name nobody has, and exits 2', async () => {
    const f = await setup(backend);
    const result = await f.cli(['--lang', 'ja', 'history', '--user', '田仲 舞']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('--user「田仲 舞」に該当するユーザーがユーザー一覧にいません');
    expect(result.stderr).toContain('近い名前:');
    expect(result.stderr).toContain(`田中 舞  ID ${f.users[0]!.id}`);
    const nothingNear = await f.cli(['history', '--user', 'zzzzqqqq']);
    expect(nothingNear.code).toBe(ExitCode.usage);
    expect(nothingNear.stderr).not.toContain('Nearest');
  });

  it('--csv: a BOM and Japanese headers for Excel, the key form for machines, every cell formula-safe', async () => {
    const f = await setup(backend);
    const ja = await f.cli(['--lang', 'ja', 'history', '--csv']);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout.startsWith('\uFEFF日時,リマインドID,種類,ユーザーID,氏名,ルームID,結果,メッセージID,理由,送信予定,送信回\n')).toBe(true);
    expect(ja.stdout).toContain(",'=1+1 鈴木,");
    expect(ja.stdout).not.toMatch(/,=1\+1/);
    const keys = await f.cli(['--lang', 'ja', 'history', '--csv', '--csv-headers', 'keys']);
    expect(keys.stdout.startsWith('at,reminderId,type,userId,userName,roomId,status,messageId,reason,until,round\n')).toBe(true);
    const en = await f.cli(['history', '--csv']);
    expect(en.stdout.startsWith('at,reminderId,')).toBe(true);
    const bad = await f.cli(['history', '--csv', '--csv-headers', 'fancy']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--csv-headers fancy');
  });
});

describe('links import reads the CSV links export wrote, in either header form', () => {
  it.each(['localised', 'keys'])('%s', async (mode) => {
    const login = await loggedInConfigDir(sandbox);
    const ids = await linkAllContacts(sandbox, login.configDir);
    const file = join(login.configDir, `links-${mode}.csv`);
    const cli = (args: string[]) => runCli(['--lang', 'ja', ...login.args, ...args], { env: login.env });
    expect((await cli(['links', 'export', file, '--csv-headers', mode])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(mode === 'keys' ? 'user_id,name,' : '\uFEFFユーザーID,氏名,')).toBe(true);
    await withStore(login.configDir, (store) => store.links.remove(ids));
    const imported = await cli(['links', 'import', file, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).added.sort()).toEqual([...ids].sort());
  });
});

describe.runIf(tmuxTool.available)('history on a terminal', () => {
  it('has a header, aligned columns, reasons in words, held rows with until when, and a count', async () => {
    const f = await setup('sqlite');
    const session = TmuxSession.start([process.execPath, BIN, '--lang', 'ja', ...f.args, 'history'], { ...f.env as Record<string, string>, TZ: 'Asia/Tokyo' }, { width: 220, height: 40 });
    try {
      const screen = (await session.waitFor(/EXIT:\d+/)) && session.screen();
      expect(screen).toContain('EXIT:0');
      const lines = screen.split('\n');
      const header = lines.findIndex((line) => line.startsWith('日時'));
      expect(header).toBeGreaterThanOrEqual(0);
      const body = lines.slice(header + 1, header + 1 + f.users.length);
      expect(body.length).toBe(5);
      // Every row's result starts in the column of its header, counted as the terminal draws it.
      const column = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
      const at = column(lines[header]!, '結果');
      for (const row of body) expect(column(row, row.includes('保留') ? '保留' : 'スキップ'), row).toBe(at);
      expect(body.filter((row) => /11月26日\(木\) 9:00まで保留/.test(row)).length).toBe(4);
      expect(screen).toContain('山本 花子 (E0099)');
      expect(screen).toMatch(/スキップ\s+Chatworkコンタクトに未紐付け/);
      expect(screen).not.toMatch(/\bunlinked\b|\bdeferred\b/);
      expect(screen).toContain('5件を表示しました。');
    } finally {
      session.kill();
    }
  }, 30_000);
});
