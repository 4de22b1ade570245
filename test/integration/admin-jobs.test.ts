import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, dmInbox, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { withStore } from '../helpers/state.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

async function demoSetup(destinations: (hr: number) => Record<'praise' | 'survey' | 'update-survey', string> = (room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' })) {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], options: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}) =>
    runCli([...login.args, ...args], { env: { ...login.env, ...options.env }, stdin: options.stdin });
  const hr = await setUpDemo(sandbox, cli, destinations);
  return { ...login, cli, hr };
}

describe('templates', () => {
  it('lists, shows, sets (checked), previews as Chatwork draws it, resets, and sets the message language', async () => {
    const { cli, configDir } = await demoSetup();
    const list = JSON.parse((await cli(['templates', '--json'])).stdout);
    expect(list.messageLang).toBe('ja');
    expect(list.templates).toHaveLength(6);
    expect(list.templates.every((t: { source: string }) => t.source === 'builtin')).toBe(true);
    const ja = await cli(['--lang', 'ja', 'templates']);
    expect(ja.stdout).toMatch(/サーベイ\s+日本語\s+既定/);
    expect(ja.stderr).toContain('メッセージは日本語で送信します。');

    const shown = await cli(['templates', 'show', 'survey']);
    expect(shown.stdout).toContain('[info][title]サーベイのお願い[/title]');

    // An unknown placeholder and an unclosed [info]: exit 2, each with its line, nothing saved.
    const bad = join(configDir, 'bad.txt');
    writeFileSync(bad, '{to}\n[info][title]お願い[/title]{titel} にご回答ください\n');
    const refused = await cli(['--lang', 'ja', 'templates', 'set', 'survey', '--file', bad]);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('2行目: {titel}は差し込み項目ではありません。次のいずれかを使ってください: {to} {title} {due} {url} {from} {message}');
    expect(refused.stderr).toContain('2行目の [info] が [/info] で閉じられていません。');
    const refusedEn = await cli(['--lang', 'en', 'templates', 'set', 'survey', '--file', bad]);
    expect(refusedEn.stderr).toContain('line 2: {titel} is not a placeholder; use one of {to} {title} {due} {url} {from} {message}.');
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).source).toBe('builtin');

    const good = join(configDir, 'good.txt');
    writeFileSync(good, '\uFEFF{to}\r\n[info][title]回答のお願い[/title]「{title}」（期限 {due}）[hr]{url}[/info]\r\n');
    const saved = await cli(['--lang', 'ja', 'templates', 'set', 'survey', '--file', good]);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('サーベイの日本語テンプレートを保存しました。');
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout)).toMatchObject({
      source: 'custom', template: '{to}\n[info][title]回答のお願い[/title]「{title}」（期限 {due}）[hr]{url}[/info]',
    });

    const preview = await cli(['--lang', 'ja', 'templates', 'preview', 'survey', '--user', 'E0001']);
    expect(preview.code).toBe(0);
    expect(preview.stderr).toContain('山田 太郎 (E0001)宛てにダイレクトチャットでメッセージとして送った場合の表示（サーベイ、日本語、カスタムテンプレート）:');
    const lines = preview.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('TO 山田 太郎さん');
    expect(lines[1]).toMatch(/^┌─+┐$/);
    expect(lines[2]).toMatch(/^│ ⓘ 回答のお願い\s+│$/);
    expect(lines[3]).toMatch(/^├─+┤$/);
    expect(lines[4]).toMatch(/^│ 「2026年12月 エンゲージメントサーベイ」（期限 \d{4}年\d+月\d+日（.））\s+│$/);
    expect(lines[5]).toMatch(/^├─+┤$/);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
    // The box is drawn to the widest line: every border is as wide as the rows.
    const json = JSON.parse((await cli(['templates', 'preview', 'survey', '--json'])).stdout);
    expect(json.body).toMatch(/^\[To:1234567\]山田 太郎さん\n\[info\]/);
    expect(json.drawn[0]).toBe('TO 山田 太郎さん');

    const reset = await cli(['--lang', 'ja', 'templates', 'reset', 'survey']);
    expect(reset.stderr).toContain('サーベイのテンプレート（日本語・英語）を既定に戻しました。');
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).source).toBe('builtin');

    expect((await cli(['--lang', 'ja', 'templates', 'lang', 'en'])).stderr).toContain('メッセージを英語で送信するように設定しました。');
    expect(JSON.parse((await cli(['templates', 'lang', '--json'])).stdout)).toEqual({ messageLang: 'en' });
    const wrong = await cli(['--lang', 'ja', 'templates', 'lang', 'fr']);
    expect(wrong.code).toBe(ExitCode.usage);
    expect(wrong.stderr).toContain('言語にはjaまたはenを指定してください（指定値: "fr"）。');
  });

  it('edit opens $EDITOR on a private 0600 file, checks on save, and leaves no file behind: saved, refused, failed or Shift_JIS', async () => {
    const { cli } = await demoSetup();
    const scripts = mkdtempSync(join(tmpdir(), 'hmcw-editor-'));
    const script = join(scripts, 'editor.sh');
    const seen = join(scripts, 'seen.txt');
    // An editor that notes the file it was given (path, its mode, its directory's mode), then sets
    // the [title] to what REPLACEMENT says (or writes SJIS_FILE's bytes over it), and exits with EXIT_CODE.
    writeFileSync(script, [
      '#!/bin/sh',
      'echo "$1 $(stat -c %a "$1") $(stat -c %a "$(dirname "$1")")" >> "$SEEN"',
      'if [ -n "$SJIS_FILE" ]; then cat "$SJIS_FILE" > "$1"; else sed -i "s|\\[title\\][^[]*\\[/title\\]|[title]$REPLACEMENT[/title]|" "$1"; fi',
      'exit "${EXIT_CODE:-0}"',
      '',
    ].join('\n'));
    chmodSync(script, 0o755);
    const editWith = (env: NodeJS.ProcessEnv) => cli(['--lang', 'ja', 'templates', 'edit', 'survey'], { env: { EDITOR: script, VISUAL: '', SEEN: seen, ...env } });
    const lastSeen = () => readFileSync(seen, 'utf8').trim().split('\n').at(-1)!.split(' ') as [string, string, string];
    const gone = (path: string) => { expect(existsSync(path), path).toBe(false); expect(existsSync(dirname(path)), dirname(path)).toBe(false); };

    const edited = await editWith({ REPLACEMENT: 'ご回答のお願い' });
    expect(edited.code).toBe(0);
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).template).toContain('[title]ご回答のお願い[/title]');
    const [savedFrom, fileMode, dirMode] = lastSeen();
    expect([fileMode, dirMode]).toEqual(['600', '700']);
    gone(savedFrom);

    const broken = await editWith({ REPLACEMENT: '{oops}' });
    expect(broken.code).toBe(ExitCode.usage);
    expect(broken.stderr).toContain('{oops}は差し込み項目ではありません。');
    // Nothing typed is lost: the text is printed, since its file is removed.
    expect(broken.stderr).toContain('編集したテンプレートは保存していません。');
    expect(broken.stderr).toContain('[title]{oops}[/title]');
    gone(lastSeen()[0]);
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).template).toContain('[title]ご回答のお願い[/title]');

    const failed = await editWith({ REPLACEMENT: '中止', EXIT_CODE: '1' });
    expect(failed.code).not.toBe(0);
    gone(lastSeen()[0]);

    // An editor that saves in Shift_JIS: read as every input file is, never U+FFFD.
    const sjis = join(scripts, 'sjis.txt');
    const text = '{to}\n[info][title]髙橋さんへ①[/title]「{title}」[hr]{url}[/info]';
    writeFileSync(sjis, iconv.encode(text, 'cp932'));
    expect((await editWith({ SJIS_FILE: sjis })).code).toBe(0);
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).template).toBe(text);
    gone(lastSeen()[0]);

    const none = await cli(['--lang', 'ja', 'templates', 'edit', 'survey'], { env: { EDITOR: '', VISUAL: '' } });
    expect(none.code).toBe(ExitCode.usage);
    expect(none.stderr).toContain('エディターが設定されていません。環境変数VISUALまたはEDITORを設定するか');
    // No editor ran and the saved template is untouched.
    expect(readFileSync(seen, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout).template).toBe(text);
  });

  it('set --file reads a template as every input file is read: Shift_JIS, UTF-8 with a BOM, stdin; invalid bytes and UTF-16 are refused naming the file', async () => {
    const { cli, configDir } = await demoSetup();
    const text = '{to}\n[info][title]ご回答のお願い（髙橋・﨑・①・～）[/title]「{title}」（期限 {due}）[hr]{url}[/info]';
    const show = async () => JSON.parse((await cli(['templates', 'show', 'survey', '--json'])).stdout) as { template: string; source: string };
    const sjis = join(configDir, 'sjis.txt');
    writeFileSync(sjis, iconv.encode(`${text.replace(/\n/g, '\r\n')}\r\n`, 'cp932'));
    expect((await cli(['templates', 'set', 'survey', '--file', sjis])).code).toBe(0);
    expect((await show()).template).toBe(text);
    expect((await show()).template).not.toContain('\uFFFD');

    const stdinText = text.replace('ご回答', '回答');
    expect((await cli(['templates', 'set', 'survey', '--file', '-'], { stdin: iconv.encode(stdinText, 'cp932') })).code).toBe(0);
    expect((await show()).template).toBe(stdinText);

    const broken = join(configDir, 'broken.txt');
    writeFileSync(broken, Buffer.concat([iconv.encode('{to}\n[info][title]お願い', 'cp932'), Buffer.from([0x81, 0x20, 0xfd]), iconv.encode('[/title]{url}[/info]\n', 'cp932')]));
    const refused = await cli(['templates', 'set', 'survey', '--file', broken]);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain(`${broken}:2: bytes that are not valid Shift_JIS (CP932)`);
    const utf16 = join(configDir, 'utf16.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const refused16 = await cli(['templates', 'set', 'survey', '--file', utf16]);
    expect(refused16.code).toBe(ExitCode.usage);
    expect(refused16.stderr).toContain(`${utf16} is UTF-16 text`);
    expect((await show()).template).toBe(stdinText);
  });
});

describe('room destinations that reach people', () => {
  it('destinations set lists non-members; send-reminders skips them, or sends a direct chat with the fallback; doctor reports it', async () => {
    const { cli, hr } = await demoSetup();
    // E0012 (account 2000012) leaves the HR room.
    sandbox.control.setMember(hr, 2_000_012, undefined);
    const set = await cli(['--lang', 'ja', 'destinations', 'set', 'update-survey', `room:${hr}`]);
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/紐付け済みのユーザーのうち1人はグループチャット「人事部 HiManager通知」（ルームID \d+）のメンバーではありません: 鈴木 翔 \(E0012\)/);
    expect(set.stderr).toContain(`--non-members dm`);
    const json = JSON.parse((await cli(['destinations', 'set', 'update-survey', `room:${hr}`, '--json'])).stdout);
    expect(json.outsiders).toEqual([{ userId: 'E0012', name: '鈴木 翔', accountId: 2_000_012 }]);

    const doctor = JSON.parse((await cli(['doctor', '--json'])).stdout);
    const finding = doctor.checks.find((c: { id: string }) => c.id === 'room-members');
    expect(finding).toMatchObject({ status: 'warn' });

    const sent = JSON.parse((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json'])).stdout);
    expect(sent.recipients).toContainEqual({ reminderId: 'update-2026-w49', recipient: 'E0012', outcome: 'skipped', reason: 'not-member' });
    const room = sandbox.control.rooms().find((r) => r.room_id === hr)!;
    expect(room.messages[0]!.body).not.toContain('[To:2000012]');

    // With the fallback, the next reminder reaches E0012 in a direct chat.
    await cli(['destinations', 'set', 'update-survey', `room:${hr}`, '--non-members', 'dm']);
    const file = join(sandbox.url.length ? mkdtempSync(join(tmpdir(), 'hmcw-r-')) : '', 'r.json');
    writeFileSync(file, JSON.stringify([{ id: 'update-w50', type: 'update_survey', to: ['E0005', 'E0012'], title: '第50週' }]));
    const second = JSON.parse((await cli(['send-reminders', '--input', file, '--json'])).stdout);
    expect(second.recipients.filter((r: { outcome: string }) => r.outcome === 'delivered')).toHaveLength(2);
    expect(dmInbox(sandbox).get(2_000_012)!.filter((b) => b.includes('第50週'))).toHaveLength(1);
    const doctorAfter = JSON.parse((await cli(['doctor', '--json'])).stdout);
    expect(doctorAfter.checks.find((c: { id: string }) => c.id === 'room-members')).toMatchObject({ status: 'ok' });
  });
});

describe('recall and tasks', () => {
  it('recall deletes what a reminder delivered, records it, and never sends the pair again under that id', async () => {
    const { cli } = await demoSetup();
    await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    const before = dmInbox(sandbox);
    expect(before.get(2_000_001)).toHaveLength(1);

    const dry = await cli(['--lang', 'ja', 'recall', '--reminder', 'survey-2026-12', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('メッセージを削除: 山田 太郎 (E0001)（ダイレクトチャット');
    expect(sandbox.control.stats().deletes).toBe(0);
    const dryEn = await cli(['--lang', 'en', 'recall', '--reminder', 'survey-2026-12', '--dry-run']);
    expect(dryEn.stdout).toContain('delete the message: 山田 太郎 (E0001) (direct chat');
    expect(dryEn.stderr).toContain('Dry run: 6 to recall, 0 cannot be recalled. Nothing was changed.');
    // Off a terminal, --yes is needed.
    const noYes = await cli(['--lang', 'ja', 'recall', '--reminder', 'survey-2026-12']);
    expect(noYes.code).toBe(ExitCode.usage);
    expect(noYes.stderr).toContain('端末以外から実行するときは--yesを付けて確定してください');

    const recalled = await cli(['--lang', 'ja', 'recall', '--reminder', 'survey-2026-12', '--user', 'E0001', '--yes']);
    expect(recalled.code).toBe(0);
    expect(recalled.stderr).toContain('「survey-2026-12」の取り消し: 削除1件');
    expect(dmInbox(sandbox).get(2_000_001)).toHaveLength(0);
    expect(dmInbox(sandbox).get(2_000_002)).toHaveLength(1);

    const all = JSON.parse((await cli(['recall', '--reminder', 'survey-2026-12', '--yes', '--json'])).stdout);
    expect(all.summary).toMatchObject({ recalled: 5, failed: 0 });
    expect(all.items.filter((i: { action: string }) => i.action === 'already')).toHaveLength(1);
    expect(sandbox.control.state.deleteLog.filter((d) => d.result === 'gone')).toEqual([]);

    const history = (await cli(['history', '--reminder', 'survey-2026-12', '--status', 'recalled', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(history.map((h: { userId: string }) => h.userId).sort()).toEqual(['E0001', 'E0002', 'E0003', 'E0004', 'E0010', 'E0011']);

    const again = JSON.parse((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json'])).stdout);
    expect(again.messages.delivered).toBe(0);
    expect(again.recipients.filter((r: { reason: string }) => r.reason === 'recalled')).toHaveLength(6);
    expect(dmInbox(sandbox).get(2_000_001)).toHaveLength(0);
  });

  it('a group chat message cannot be recalled for only some of its people: it says so', async () => {
    const { cli } = await demoSetup();
    await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    const partial = await cli(['--lang', 'ja', 'recall', '--reminder', 'update-2026-w49', '--user', 'E0005', '--yes']);
    expect(partial.code).toBe(ExitCode.partial);
    expect(partial.stdout).toContain('取り消せません: 佐藤 美咲 (E0005)（グループチャット');
    expect(partial.stdout).toContain('全員分を取り消すには--userを付けずに実行してください');
    expect(sandbox.control.stats().deletes).toBe(0);
  });

  it('survey reminders as tasks: the due date is the deadline, once; recall marks them done and says it cannot delete them', async () => {
    const { cli, hr } = await demoSetup((room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
    const set = await cli(['--lang', 'ja', 'destinations', 'set', 'survey', 'dm', '--as', 'task']);
    expect(set.stderr).toContain('サーベイはChatworkのタスクとして送ります。');
    await cli(['destinations', 'set', 'update-survey', `room:${hr}`, '--as', 'task']);
    const first = JSON.parse((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json'])).stdout);
    expect(first.messages.delivered).toBe(8); // 6 survey tasks (DM), 1 room task for 5 people, 1 praise message
    const rooms = sandbox.control.rooms();
    const tasks = rooms.flatMap((r) => r.tasks.map((task) => ({ ...task, room: r.room_id })));
    expect(tasks).toHaveLength(11);
    const yamada = tasks.find((task) => task.account.account_id === 2_000_001)!;
    // 2026-12-04 23:59 in Asia/Tokyo.
    expect(yamada).toMatchObject({ limit_type: 'date', limit_time: Date.UTC(2026, 11, 4, 14, 59) / 1000, status: 'open' });
    expect(yamada.body).toMatch(/^\[info\]\[title\]サーベイのお願い/);
    expect(tasks.filter((task) => task.room === hr)).toHaveLength(5);

    const second = JSON.parse((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json'])).stdout);
    expect(second.messages.delivered).toBe(0);
    expect(sandbox.control.stats().tasksCreated).toBe(11);

    const recall = await cli(['--lang', 'ja', 'recall', '--reminder', 'survey-2026-12', '--yes']);
    expect(recall.code).toBe(0);
    expect(recall.stdout).toContain('タスクを完了にしました: 山田 太郎 (E0001)');
    expect(recall.stderr).toContain('ChatworkのAPIではタスクを削除できないため、タスクは完了済みとして一覧に残ります。');
    const after = sandbox.control.rooms().flatMap((r) => r.tasks).filter((task) => task.body.startsWith('[info][title]サーベイのお願い'));
    // The update-survey tasks (アップデートサーベイのお願い) belong to another reminder and stay open.
    expect(after).toHaveLength(6);
    expect(after.every((task) => task.status === 'done')).toBe(true);
  });

  it('a deferred task goes out from the outbox in the next window, to the linked people, once; a deferred one recalled never goes out', async () => {
    const { cli, configDir, args, env } = await demoSetup((room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
    await withStore(configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; s.deliverAs = { survey: 'task', 'update-survey': 'task' }; }));
    const send = (at: string, file: string, ...extra: string[]) => runCli([...args, 'send-reminders', '--input', file, '--json', ...extra], { env, clock: clockAt(at) });
    const evening = JSON.parse((await send('2026-11-25T20:00:00+09:00', DEMO_REMINDERS)).stdout);
    expect(evening.messages).toMatchObject({ delivered: 1, deferred: 7 }); // praise goes; 6 survey tasks and 1 room task wait
    expect(sandbox.control.stats().tasksCreated).toBe(0);
    // Before the window opens, the room task is withdrawn.
    expect((await cli(['recall', '--reminder', 'update-2026-w49', '--yes'])).code).toBe(0);
    const empty = join(mkdtempSync(join(tmpdir(), 'hmcw-e-')), 'empty.json');
    writeFileSync(empty, '[]');
    const morning = JSON.parse((await send('2026-11-26T09:05:00+09:00', empty, '--allow-empty')).stdout);
    expect(morning.messages.delivered).toBe(6);
    const tasks = sandbox.control.rooms().flatMap((r) => r.tasks);
    expect(tasks).toHaveLength(6);
    expect(tasks.find((task) => task.account.account_id === 2_000_001)).toMatchObject({ limit_type: 'date', limit_time: Date.UTC(2026, 11, 4, 14, 59) / 1000 });
    expect(JSON.parse((await send('2026-11-26T10:00:00+09:00', DEMO_REMINDERS)).stdout).messages.delivered).toBe(0);
    expect(sandbox.control.stats().tasksCreated).toBe(6);
  });
});
