import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY, mention } from '../../src/delivery/notation.js';
import { DEFAULT_TEMPLATES, formatDue, render } from '../../src/delivery/templates.js';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { dmInbox, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

/**
 * Bodies Chatwork would not take (over 65,535 characters), through the real CLI and the
 * sandbox: a direct message that cannot fit is never posted and fails as too-long, for good;
 * a template that could overflow is refused; an over-long field is bad input.
 */
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const SURVEY = { type: 'survey', title: '長さの確認', due: '2026-12-04', url: 'https://app.himanager.example/s/1' };

async function demo() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], stdin?: string) => runCli([...login.args, ...args], { env: login.env, stdin });
  await setUpDemo(sandbox, cli, (room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
  return { ...login, cli };
}

/** Renames directory users so that their survey DM is exactly `length` characters (as an older version's store could hold). */
async function lengthen(configDir: string, lengths: Record<string, number>): Promise<Map<string, number>> {
  return withStore(configDir, async (store) => {
    const links = await store.links.byUserIds(Object.keys(lengths));
    const users = await store.users.lookup(Object.keys(lengths));
    const accounts = new Map<string, number>();
    for (const [id, length] of Object.entries(lengths)) {
      const accountId = links.get(id)!.accountId;
      accounts.set(id, accountId);
      const base = render(DEFAULT_TEMPLATES.survey.ja, {
        to: mention(accountId, '', 'さん'), title: SURVEY.title, due: formatDue(SURVEY.due, 'ja'), url: SURVEY.url, from: '', message: '',
      }).length;
      const user = users.find((u) => u.id === id)!;
      await store.users.replaceAll((await store.users.all()).map((u) => (u.id === id ? { ...user, name: '長'.repeat(length - base) } : u)));
    }
    return accounts;
  });
}

describe('a direct message too long for Chatwork', () => {
  it('is not posted and fails as too-long (exit 3), at 65,536; 65,535 and the rest of the batch are delivered; never re-planned', async () => {
    const { cli, configDir } = await demo();
    const accounts = await lengthen(configDir, { E0001: MAX_BODY, E0002: MAX_BODY + 1 });
    const file = join(configDir, 'r.json');
    writeFileSync(file, JSON.stringify([{ id: 'len-1', to: ['E0001', 'E0002', 'E0003'], ...SURVEY }, { id: 'len-2', to: ['E0002'], ...SURVEY, title: '短い' }]));
    const first = await cli(['send-reminders', '--input', file, '--json']);
    expect(first.code).toBe(ExitCode.partial);
    const summary = JSON.parse(first.stdout);
    expect(summary.messages).toMatchObject({ delivered: 3, failed: 1 });
    expect(summary.recipients).toContainEqual(expect.objectContaining({ reminderId: 'len-1', recipient: 'E0002', outcome: 'failed', reason: 'too-long' }));
    const inbox = dmInbox(sandbox);
    expect(inbox.get(accounts.get('E0001')!)!.map((body) => body.length)).toEqual([MAX_BODY]);
    // Only len-2 reached E0002: its shorter title fits (three characters fewer). One record fails alone.
    expect(inbox.get(accounts.get('E0002')!)!.map((body) => body.length)).toEqual([MAX_BODY - 2]);
    expect(sandbox.control.stats().posts).toBe(3);

    const second = await cli(['send-reminders', '--input', file, '--json']);
    const again = JSON.parse(second.stdout);
    expect(again.messages).toMatchObject({ delivered: 0, failed: 0 });
    expect(again.recipients).toContainEqual({ reminderId: 'len-1', recipient: 'E0002', outcome: 'skipped', reason: 'too-long' });
    expect(second.code).toBe(ExitCode.ok);
    expect(sandbox.control.stats().posts).toBe(3);

    // history: in words, in both languages; the code in --json.
    const en = await cli(['--lang', 'en', 'history', '--reminder', 'len-1', '--user', 'E0002']);
    expect(en.stdout).toContain('failed  -  message over 65,535 characters: not sent, not retried');
    const ja = await cli(['--lang', 'ja', 'history', '--reminder', 'len-1', '--user', 'E0002']);
    expect(ja.stdout).toContain('失敗  -  メッセージが65,535文字を超えるため送信せず、再送もしません');
    const rows = (await cli(['history', '--reminder', 'len-1', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row: { userId: string; status: string; reason?: string }) => [row.userId, row.status, row.reason]).toSorted()).toEqual([
      ['E0001', 'delivered', undefined], ['E0002', 'failed', 'too-long'], ['E0003', 'delivered', undefined],
    ]);

    // doctor says so, with examples and what to do.
    const doctor = await cli(['doctor', '--json']);
    const findings = JSON.parse(doctor.stdout).checks.map((c: { finding: string }) => c.finding).join('\n');
    expect(findings).toContain('1 recipient(s) were not sent their message because it is longer than the 65,535 characters Chatwork takes, for example len-1 → E0002; they are not retried');
  });

  it('shows in a dry run as not sent, with its length, and is not counted as a message', async () => {
    const { cli, configDir } = await demo();
    await lengthen(configDir, { E0002: MAX_BODY + 1 });
    const file = join(configDir, 'r.json');
    writeFileSync(file, JSON.stringify([{ id: 'len-1', to: ['E0002', 'E0003'], ...SURVEY }]));
    const dry = await cli(['--lang', 'en', 'send-reminders', '--input', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n').filter((line) => line.includes('not sent')).map((line) => line.slice(0, 40))).toEqual([expect.stringMatching(/^len-1 \(survey/)]);
    expect(dry.stdout).toContain(`not sent, the message would be ${MAX_BODY + 1} characters (Chatwork takes at most ${MAX_BODY})`);
    expect(dry.stderr).toMatch(/Dry run: 1 message\(s\) would be sent/);
    expect(sandbox.control.stats().posts).toBe(0);
  });
});

describe('templates that could make a body too long, and fields longer than the input takes', () => {
  it('templates set refuses {title} four times and takes the default text; a stored one is refused at send time, nothing sent', async () => {
    const { cli, configDir } = await demo();
    const four = join(configDir, 'four.txt');
    writeFileSync(four, '{to}\n[info][title]お願い[/title]{title}\n{title}\n{title}\n{title}\n{url}[/info]\n');
    const refused = await cli(['--lang', 'en', 'templates', 'set', 'survey', '--file', four]);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('with the longest values the input accepts (a title and a message of 20000 characters each, a URL of 4096, names of 255), the message can reach');
    const builtin = join(configDir, 'builtin.txt');
    writeFileSync(builtin, DEFAULT_TEMPLATES.survey.ja);
    expect((await cli(['templates', 'set', 'survey', '--file', builtin])).code).toBe(0);

    // Written to the store behind the check's back (an older version saved it): the run refuses before sending anything.
    await withStore(configDir, (store) => store.config.update((s) => { s.templates.survey = { ja: '{to}{title}{title}{title}{title}' }; }));
    const file = join(configDir, 'r.json');
    writeFileSync(file, JSON.stringify([{ id: 't-1', to: ['E0001'], ...SURVEY }]));
    const preview = await cli(['--lang', 'ja', 'templates', 'preview', 'survey']);
    expect(preview.code).toBe(ExitCode.usage);
    expect(preview.stderr).toContain('入力で受け付ける最長の値');
    const run = await cli(['--lang', 'en', 'send-reminders', '--input', file]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('the custom ja template of survey can make a message of');
    expect(run.stderr).toContain('templates edit survey --lang ja');
    expect(sandbox.control.stats().posts).toBe(0);
  });

  it('refuses a field longer than its limit as bad input, naming file, line, record and field, and sends nothing', async () => {
    const { cli, configDir } = await demo();
    const file = join(configDir, 'long.json');
    writeFileSync(file, JSON.stringify([
      { id: 'ok', to: ['E0001'], ...SURVEY },
      { id: 'url', to: ['E0001'], ...SURVEY, url: `https://x.example/${'a'.repeat(4_096)}` },
      { id: 'title', to: ['E0001'], ...SURVEY, title: 't'.repeat(20_001) },
    ], null, 2));
    const result = await cli(['--lang', 'en', 'send-reminders', '--input', file]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+ #2: url is longer than 4096 characters`));
    expect(result.stderr).toMatch(/:\d+ #3: title is longer than 20000 characters/);
    expect(sandbox.control.stats().posts).toBe(0);
  });
});
