import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/**
 * Leave: nobody gets a reminder while on leave. What is still valid when they return waits in
 * the outbox for that day's send window and goes out then, once; what is due before is skipped
 * (`on-leave`). The clock is set for each run (Wednesday to the Friday they return).
 */

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(4) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const DAY1 = '2026-12-02T10:00:00+09:00';
const LAST_DAY = '2026-12-10T10:00:00+09:00';
/** The first day back: Friday 11 December, window from 9:00. */
const BACK_EARLY = '2026-12-11T08:30:00+09:00';
const BACK = '2026-12-11T09:30:00+09:00';
const accountOf = (userId: string) => Number(userId.slice(1));
const received = (userId: string, text: string) => (dmInbox(sandbox).get(accountOf(userId)) ?? []).filter((body) => body.includes(text)).length;

interface Recipient { reminderId: string; recipient: string; outcome: string; reason?: string; until?: string; heldFor?: string }
interface Summary { messages: { delivered: number; deferred: number }; recipients: Recipient[]; stderr: string }

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const cli = (args: string[], at = DAY1) => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  const input = (records: object[]) => {
    const file = join(login.configDir, 'reminders.json');
    writeFileSync(file, JSON.stringify(records));
    return file;
  };
  const send = async (file: string, at: string, code: number = ExitCode.ok): Promise<Summary> => {
    const result = await cli(['send-reminders', '--input', file, '--json'], at);
    expect(result.code, result.stderr).toBe(code);
    return { ...JSON.parse(result.stdout), stderr: result.stderr } as Summary;
  };
  return { ...login, users, cli, input, send };
}

describe.each(BACKENDS)('leave on %s', (backend) => {
  it('by command: held until the return when still valid then, skipped when due before; praise waits; nothing goes before the return, all of it once after', async () => {
    const f = await setup(backend);
    const [away, ...others] = f.users as [string, ...string[]];
    const set = await f.cli(['users', 'leave', away, '--from', '2026-12-01', '--until', '2026-12-10', '--reason', '育休']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain('from 2026-12-01 to 2026-12-10');
    const file = f.input([
      { id: 's-long', type: 'survey', to: f.users, title: '年末サーベイ', due: '2026-12-18' },
      { id: 's-short', type: 'survey', to: f.users, title: '週次サーベイ', due: '2026-12-04' },
      { id: 'p1', type: 'praise', to: [away], from: others[0], message: 'いつもありがとう' },
    ]);

    // The dry run says who waits until when, and who is skipped.
    const dry = await f.cli(['send-reminders', '--input', file, '--dry-run'], DAY1);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`s-long → ${away}: held until Fri, Dec 11, 09:00 JST (on leave until then)`);
    expect(dry.stdout).toContain(`p1 → ${away}: held until Fri, Dec 11, 09:00 JST (on leave until then)`);
    expect(dry.stdout).toMatch(new RegExp(`s-short.*${away}.*on leave`));

    const first = await f.send(file, DAY1);
    // Both surveys of each person present go in one message (the digest).
    expect(first.messages.delivered).toBe(others.length);
    expect((first as unknown as { reminders: { delivered: number } }).reminders.delivered).toBe(others.length * 2);
    expect(first.messages.deferred).toBe(2);
    expect(first.recipients.filter((r) => r.recipient === away).map((r) => [r.reminderId, r.outcome, r.heldFor ?? r.reason]).sort()).toEqual([
      ['p1', 'deferred', 'leave'], ['s-long', 'deferred', 'leave'], ['s-short', 'skipped', 'on-leave'],
    ]);
    expect(first.recipients.find((r) => r.reminderId === 's-long' && r.recipient === away)!.until).toBe('2026-12-11T09:00:00+09:00');

    // The next exports no longer list the survey that is past its due date.
    f.input([
      { id: 's-long', type: 'survey', to: f.users, title: '年末サーベイ', due: '2026-12-18' },
      { id: 'p1', type: 'praise', to: [away], from: others[0], message: 'いつもありがとう' },
    ]);
    // Still on leave on the last day, and before the window of the first day back: nothing.
    for (const at of [LAST_DAY, BACK_EARLY]) {
      const waiting = await f.send(file, at);
      expect(waiting.messages.delivered, at).toBe(0);
      expect(waiting.messages.deferred, at).toBe(2);
    }
    expect(received(away, '年末サーベイ') + received(away, 'いつもありがとう') + received(away, '週次サーベイ')).toBe(0);

    const back = await f.send(file, BACK);
    expect(back.messages.delivered).toBe(2);
    expect((await f.send(file, BACK)).messages.delivered).toBe(0);
    expect(received(away, '年末サーベイ')).toBe(1);
    expect(received(away, 'いつもありがとう')).toBe(1);
    expect(received(away, '週次サーベイ')).toBe(0);
    for (const user of others) expect([received(user, '年末サーベイ'), received(user, '週次サーベイ')], user).toEqual([1, 1]);
  });

  it('a held reminder for someone whose leave was extended meanwhile waits on; one due before the new end is withdrawn', async () => {
    const f = await setup(backend);
    const [away] = f.users as [string];
    expect((await f.cli(['users', 'leave', away, '--from', '2026-12-01', '--until', '2026-12-10'])).code).toBe(0);
    const file = f.input([{ id: 's-long', type: 'survey', to: [away], title: '年末サーベイ', due: '2026-12-15' }]);
    expect((await f.send(file, DAY1)).messages.deferred).toBe(1);
    // Extended past the due date: when its day comes, the held copy is withdrawn, never sent late.
    expect((await f.cli(['users', 'leave', away, '--from', '2026-12-01', '--until', '2026-12-20'])).code).toBe(0);
    const back = await f.send(file, BACK);
    expect(back.messages.delivered).toBe(0);
    expect(back.stderr).toContain('Withdrew 1 held deliveries');
    const history = (await f.cli(['history', '--status', 'withdrawn', '--json'], BACK)).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { reason: string });
    expect(history.map((h) => h.reason)).toEqual(['withdrawn-on-leave']);
    expect(received(away, '年末サーベイ')).toBe(0);
  });

  it('by directory columns: 休職開始日/休職終了日 and a status with no end date; a later file that says back releases what waited, once', async () => {
    const f = await setup(backend);
    const [dated, open, ...rest] = f.users as [string, string, ...string[]];
    const people = await withStore(f.configDir, async (store) => store.users.all());
    const row = (id: string, leave: [string, string, string]) => {
      const user = people.find((u) => u.id === id)!;
      return [user.id, user.name, user.email, ...leave].join(',');
    };
    const usersFile = (rows: string[]) => {
      const file = join(f.configDir, 'staff.csv');
      writeFileSync(file, ['社員番号,氏名,メールアドレス,休職開始日,休職終了日,在籍状況', ...rows].join('\n'));
      return file;
    };
    const first = usersFile([row(dated, ['2026-12-01', '2026-12-10', '']), row(open, ['', '', '育休']), ...rest.map((id) => row(id, ['', '', '']))]);
    const synced = await f.cli(['users', 'sync', '--input', first], DAY1);
    expect(synced.code, synced.stderr).toBe(0);
    const listed = JSON.parse((await f.cli(['users', 'leave', '--json'], DAY1)).stdout) as { userId: string; from: string; until?: string; reason?: string; source: string }[];
    expect(listed.map((p) => [p.userId, p.from, p.until ?? null, p.reason ?? null, p.source])).toEqual([
      [dated, '2026-12-01', '2026-12-10', null, 'directory'], [open, '2026-12-02', null, '育休', 'directory'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

    const file = f.input([
      { id: 'dated', type: 'survey', to: f.users, title: '期限つきサーベイ', due: '2026-12-18' },
      { id: 'open', type: 'survey', to: f.users, title: '期限なしサーベイ' },
    ]);
    const run1 = await f.send(file, DAY1);
    const mine = (id: string) => run1.recipients.filter((r) => r.recipient === id).map((r) => [r.reminderId, r.outcome, r.heldFor ?? r.reason]).sort();
    expect(mine(dated)).toEqual([['dated', 'deferred', 'leave'], ['open', 'deferred', 'leave']]);
    // No end date: a reminder with a due date may not outlive the leave; one without waits for the return.
    expect(mine(open)).toEqual([['dated', 'skipped', 'on-leave'], ['open', 'deferred', 'leave']]);
    expect(run1.messages.delivered).toBe(rest.length);
    expect((run1 as unknown as { reminders: { delivered: number } }).reminders.delivered).toBe(rest.length * 2);

    // A bad date in the next export changes nothing, naming the line and the column.
    const bad = await f.cli(['users', 'sync', '--input', usersFile([row(dated, ['2026-12-01', '2026-12-32', '']), ...[open, ...rest].map((id) => row(id, ['', '', '']))])], LAST_DAY);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/line 2.*leave_until|leave_until.*2026-12-32/s);
    expect((JSON.parse((await f.cli(['users', 'leave', '--json'])).stdout) as unknown[])).toHaveLength(2);

    // The open-ended leave ends: its person gets what waited at the next run, once.
    const back = usersFile([row(dated, ['2026-12-01', '2026-12-10', '']), ...[open, ...rest].map((id) => row(id, ['', '', '']))]);
    expect((await f.cli(['users', 'sync', '--input', back], LAST_DAY)).code).toBe(0);
    const run2 = await f.send(file, LAST_DAY);
    // What waited comes from the outbox; what was skipped while away is planned again from the input, since it is still due.
    expect(run2.recipients.filter((r) => r.outcome === 'delivered').map((r) => [r.reminderId, r.recipient]).sort()).toEqual([['dated', open], ['open', open]]);
    expect((await f.send(file, LAST_DAY)).messages.delivered).toBe(0);
    expect(received(open, '期限なしサーベイ')).toBe(1);
    expect(received(open, '期限つきサーベイ')).toBe(1);
    expect(received(dated, '期限なしサーベイ') + received(dated, '期限つきサーベイ')).toBe(0);
    expect((await f.send(file, BACK)).messages.delivered).toBe(2);
    expect([received(dated, '期限なしサーベイ'), received(dated, '期限つきサーベイ')]).toEqual([1, 1]);
  });
});
