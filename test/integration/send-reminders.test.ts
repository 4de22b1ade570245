import { plantRunLock, withStore } from '../helpers/state.js';
import { processStart } from '../../src/store/run-lock.js';
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, dmInbox, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());


async function demoSetup() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], stdin?: string) => runCli([...login.args, ...args], { env: login.env, stdin });
  const hr = await setUpDemo(sandbox, cli, (room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
  return { ...login, cli, hr };
}

describe('send-reminders on the demo', () => {
  it('delivers by DM and to a room, skips the unlinked with the reason, and never twice', async () => {
    const { cli, hr } = await demoSetup();
    const first = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json']);
    const summary = JSON.parse(first.stdout);
    // E0027 is not a Chatwork contact, so not linked: a standing skip, reported with its reason; the run passes.
    expect(first.code).toBe(ExitCode.ok);
    expect(summary.messages).toEqual({ delivered: 8, failed: 0, pending: 0, deferred: 0 });
    expect(summary.recipients).toContainEqual({ reminderId: 'survey-2026-12', recipient: 'E0027', outcome: 'skipped', reason: 'unlinked' });

    const inbox = dmInbox(sandbox);
    expect(inbox.get(2_000_001)).toHaveLength(1);
    expect(inbox.get(2_000_001)![0]).toBe('[To:2000001]山田 太郎さん\n[info][title]サーベイのお願い[/title]「2026年12月 エンゲージメントサーベイ」へのご回答をお願いいたします。\n回答期限: 2026年12月4日（金）\nhttps://app.himanager.example/surveys/2026-12[/info]');
    expect(inbox.get(2_000_008)![0]).toContain('佐藤 花子さんから称賛のメッセージが届いています。');
    const room = sandbox.control.rooms().find((r) => r.room_id === hr)!;
    expect(room.messages).toHaveLength(1);
    // The namesakes E0005/E0006 (told apart by department) and E0007, written in romaji, are linked too.
    expect(room.messages[0]!.body.match(/\[To:\d+\]/g)).toEqual(['[To:2000005]', '[To:2000006]', '[To:2000007]', '[To:2000012]', '[To:2000013]']);

    const second = await cli(['send-reminders', '--input', DEMO_REMINDERS, '--json']);
    expect(JSON.parse(second.stdout).messages.delivered).toBe(0);
    expect(JSON.parse(second.stdout).recipients.filter((r: { reason: string }) => r.reason === 'already-sent')).toHaveLength(12);
    expect(sandbox.control.stats().posts).toBe(8);
  });

  it('prints the plan and an estimate with --dry-run, sending nothing', async () => {
    const { cli } = await demoSetup();
    const result = await cli(['--lang', 'ja', 'send-reminders', '--input', DEMO_REMINDERS, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('survey-2026-12（サーベイ）→ ダイレクトチャット');
    expect(result.stdout).toContain('E0027: スキップ（Chatworkコンタクトに未紐付け）');
    expect(result.stderr).toMatch(/確認のみ（送信していません）: 送信予定8件、スキップ1件。所要時間の見込み: 1分未満/);
    expect(sandbox.control.stats().posts).toBe(0);
  });
});

describe('send-reminders input', () => {
  it('validates the whole input first: exit 2 with record and line, nothing sent', async () => {
    const { cli, configDir } = await demoSetup();
    const file = join(configDir, 'bad.json');
    writeFileSync(file, JSON.stringify([
      { id: 'ok-1', type: 'survey', to: 'E0001', title: 'fine' },
      { id: 'bad-1', type: 'quiz', to: 'E0001' },
      { id: 'bad-2', type: 'survey', to: 'E0001', title: 'x', due: '2026-02-30', url: 'http://insecure' },
    ], null, 2));
    const result = await cli(['send-reminders', '--input', file]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(`${file}:8 #2: type must be praise, survey or update_survey, not "quiz"`);
    expect(result.stderr).toContain(`${file}:13 #3: due must be a date as YYYY-MM-DD, not "2026-02-30"`);
    expect(result.stderr).toContain(`${file}:13 #3: url must be an https:// URL`);
    expect(sandbox.control.stats().posts).toBe(0);
  });

  it('reads CSV (recipients separated by ;) and NDJSON from stdin', async () => {
    const { cli, configDir } = await demoSetup();
    const csv = join(configDir, 'r.csv');
    writeFileSync(csv, 'id,type,to,title,due\ncsv-1,survey,E0001;jiro.yamazaki@sample.co.jp,CSV サーベイ,2026-12-04\n');
    expect(JSON.parse((await cli(['send-reminders', '--input', csv, '--json'])).stdout).messages.delivered).toBe(2);
    const ndjson = '{"id":"nd-1","type":"update-survey","to":["E0001"],"title":"NDJSON"}\n{"id":"nd-2","type":"survey","to":["E0001"],"title":"NDJSON 2"}\n';
    const result = await cli(['send-reminders', '--input', '-', '--json'], ndjson);
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout).messages).toEqual({ delivered: 2, failed: 0, pending: 0, deferred: 0 });
    // Both records of the stream reached E0001, each as its own DM, update-survey going to the room the demo set.
    const dm = dmInbox(sandbox).get(2_000_001)!;
    expect(dm.filter((body) => body.includes('「NDJSON 2」'))).toEqual([expect.stringMatching(/^\[To:2000001\]山田 太郎さん\n\[info\]\[title\]サーベイのお願い\[\/title\]「NDJSON 2」へのご回答をお願いいたします。\n回答期限: 指定なし\n\[\/info\]$/)]);
    const room = sandbox.control.rooms().find((r) => r.messages.some((m) => m.body.includes('「NDJSON」')))!;
    expect(room.messages.filter((m) => m.body.includes('「NDJSON」')).map((m) => m.body)).toEqual([
      '[To:2000001]山田 太郎さん\n[info][title]アップデートサーベイのお願い[/title]「NDJSON」へのご回答をお願いいたします。\n回答期限: 指定なし\n[/info]',
    ]);
  });

  it('fetches an http(s) URL with headers whose values come from the environment', async () => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.end(JSON.stringify([{ id: 'url-1', type: 'survey', to: 'E0001', title: 'from a URL' }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { args, env } = await demoSetup();
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/reminders.json`;
      const result = await runCli([...args, 'send-reminders', '--input', url, '--header', 'Authorization: Bearer ${HR_TOKEN}', '--json'], { env: { ...env, HR_TOKEN: 'hr-secret' } });
      expect(result.code).toBe(0);
      expect(seen).toEqual(['Bearer hr-secret']);
      const missing = await runCli([...args, 'send-reminders', '--input', url, '--header', 'Authorization: ${NOPE}'], { env });
      expect(missing.code).toBe(ExitCode.usage);
      expect(missing.stderr).toContain('$NOPE');
      expect((await runCli([...args, 'send-reminders', '--input', 'http://example.com/r.json'], { env })).stderr).toContain('only https://');
    } finally {
      server.close();
    }
  });
});

describe('message safety', () => {
  it('neutralises notation in user text: nobody else is mentioned and the box stays whole', async () => {
    const { cli, configDir } = await demoSetup();
    const file = join(configDir, 'praise.json');
    writeFileSync(file, JSON.stringify([{
      id: 'p-evil', type: 'praise', to: 'E0001', from: 'E0002',
      message: 'すごい！[toall][To:2000002]佐藤さん[/info][rp aid=2000003 to=1-2][info][title]偽物[/title]',
    }]));
    expect((await cli(['send-reminders', '--input', file])).code).toBe(0);
    const body = dmInbox(sandbox).get(2_000_001)![0]!;
    expect(body.match(/\[To:\d+\]/g)).toEqual(['[To:2000001]']);
    expect(body).not.toMatch(/\[toall\]|\[rp /i);
    expect(body.match(/\[info\]/g)).toHaveLength(1);
    expect(body.match(/\[\/info\]/g)).toHaveLength(1);
    expect(body).toContain('［toall］［To:2000002］佐藤さん［/info］');
    expect(body.endsWith('[/info]')).toBe(true);
  });

  it('sends a praise message at the input\'s limit whole, in a long custom template that fits the longest values: nothing is cut', async () => {
    const { cli, configDir } = await demoSetup();
    // A company's own long wording: with the longest accepted values it still fits 65,535.
    const preamble = '社内表彰のご案内。'.repeat(4_000);
    await withStore(configDir, (store) => store.config.update((s) => {
      s.templates.praise = { ja: `{to}\n[info][title]称賛が届きました[/title]${preamble}{from}さんより[hr]{message}\n{url}[/info]` };
    }));
    const file = join(configDir, 'long.json');
    const message = '感謝'.repeat(10_000);
    writeFileSync(file, JSON.stringify([{ id: 'p-long', type: 'praise', to: 'E0001', from: 'E0002', message }]));
    expect((await cli(['send-reminders', '--input', file])).code).toBe(ExitCode.ok);
    const [body, ...more] = dmInbox(sandbox).get(2_000_001)!;
    expect(more).toEqual([]);
    expect(body).toBe(`[To:2000001]山田 太郎さん\n[info][title]称賛が届きました[/title]${preamble}佐藤 花子さんより[hr]${message}\n[/info]`);
    expect(body!.length).toBeGreaterThan(56_000);
  });
});

describe('one run at a time', () => {
  it('exits 5 naming the holder while another run holds the lock, and recovers locks that are stale', async () => {
    const { cli, configDir } = await demoSetup();
    plantRunLock(configDir, { pid: process.pid, host: hostname(), processStart: processStart(process.pid) });
    const held = await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    expect(held.code).toBe(ExitCode.locked);
    expect(held.stderr).toContain(`Another send-reminders is running on this store (host ${hostname()}, pid ${process.pid}`);
    expect(sandbox.control.stats().posts).toBe(0);
    // A pid that was reused: same pid, another start time. Stale.
    plantRunLock(configDir, { pid: process.pid, host: hostname(), processStart: 'not-the-same-start' });
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS, '--dry-run'])).code).toBe(0);
    expect((await cli(['state', 'unlock'])).code).toBe(0);
    // Another host whose heartbeat stopped long ago: stale. One still beating: live.
    plantRunLock(configDir, { pid: 1, host: 'old-container', heartbeat: Date.now() - 3_600_000 });
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS])).code).toBe(ExitCode.ok);
    expect(sandbox.control.stats().posts).toBe(8);
    plantRunLock(configDir, { pid: 1, host: 'other-host' });
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS])).code).toBe(ExitCode.locked);
    const refused = await cli(['state', 'unlock']);
    expect(refused.code).toBe(ExitCode.locked);
    expect(sandbox.control.stats().posts).toBe(8);
  });
});

describe('a damaged store', () => {
  it('stops send-reminders with exit 1 naming the file and what to do; nothing is taken for "not sent", nothing is sent', async () => {
    const { cli, configDir } = await demoSetup();
    expect((await cli(['send-reminders', '--input', DEMO_REMINDERS])).code).toBe(ExitCode.ok);
    const posted = sandbox.control.stats().posts;
    // Everything after the first page overwritten, as a failing disk or a bad copy would leave it.
    const path = join(configDir, 'state.db');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0xab), 0, size - 4096, 4096);
    closeSync(fd);
    const result = await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain(`${path} is damaged and cannot be read`);
    expect(result.stderr).toContain('doctor --verbose');
    expect(result.stderr).not.toMatch(/unexpected/i);
    expect(sandbox.control.stats().posts).toBe(posted);
  });
});

describe('send-test', () => {
  it("sends a sample of each template to the account's My Chat by default, and to a linked user's DM", async () => {
    const { cli } = await demoSetup();
    const mine = await cli(['send-test', '--json']);
    expect(mine.code).toBe(0);
    expect(JSON.parse(mine.stdout).sent).toHaveLength(3);
    const toUser = await cli(['send-test', '--type', 'praise', '--user', 'E0001']);
    expect(toUser.stdout).toContain('[To:2000001]山田 太郎さん');
    expect(toUser.stderr).toContain("山田 太郎's DM");
    expect(dmInbox(sandbox).get(2_000_001)).toHaveLength(1);
    expect((await cli(['send-test', '--user', 'E0027'])).stderr).toContain('not linked');
  });

  it('previews a custom template, and refuses one with an unknown placeholder', async () => {
    const { cli, configDir } = await demoSetup();
    await withStore(configDir, (store) => store.config.update((s) => { s.templates = { survey: { ja: '{to}\n[info]{title}（{due}まで）[/info]' } }; }));
    const result = await cli(['send-test', '--type', 'survey']);
    expect(result.stdout).toMatch(/\[info\]【テスト】12月 エンゲージメントサーベイ（\d{4}年\d+月\d+日（.）まで）\[\/info\]/);
    await withStore(configDir, (store) => store.config.update((s) => { s.templates = { survey: { ja: '{to} {deadline}' } }; }));
    const bad = await cli(['send-test', '--type', 'survey']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('{deadline}');
  });
});
