import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localTime } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { MANAGER_ROUND, pairKey } from '../../src/store/store.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { createPostGate } from '../helpers/post-gate.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/**
 * Managers (reminders escalate): on the due day each manager gets ONE direct chat listing their
 * reports still pending for the reminder; once per (reminder, manager), also when the run is
 * killed after the POST or the answer to it is lost. A manager who is not linked is a skip.
 */

let sandbox: Sandbox;
const postGate = createPostGate();
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(6), clock: postGate }); });
afterAll(async () => { postGate.release(); await sandbox.stop(); });
beforeEach(() => { postGate.release(); sandbox.control.reset(); });

const BEFORE_DUE = '2026-12-02T10:00:00+09:00';
const DUE_DAY = '2026-12-04T10:00:00+09:00';
const accountOf = (userId: string) => Number(userId.slice(1));
const inbox = (userId: string) => dmInbox(sandbox).get(accountOf(userId)) ?? [];
const escalationsTo = (userId: string) => inbox(userId).filter((body) => body.includes('未回答のメンバーのお知らせ'));

interface Summary { messages: { delivered: number }; recipients: { reminderId: string; recipient: string; outcome: string; reason?: string; how?: string }[] }

async function setup(backend: Backend, due = '2026-12-04') {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const [manager, a, b, c, orphan] = users as [string, string, string, string, string];
  const cli = (args: string[], at = BEFORE_DUE) => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  // From the HR export's 上長ID: three reports of one linked manager; one whose manager is in the directory but not linked.
  const people = await withStore(login.configDir, async (store) => store.users.all());
  const managerOf = (id: string) => ([a, b, c].includes(id) ? manager : id === orphan ? 'M-unlinked' : '');
  const staff = join(login.configDir, 'staff.csv');
  writeFileSync(staff, ['社員番号,氏名,メールアドレス,上長ID', ...people.map((u) => `${u.id},${u.name},${u.email},${managerOf(u.id)}`),
    'M-unlinked,未紐付 上長,boss@sample.co.jp,'].join('\n'));
  const synced = await cli(['users', 'sync', '--input', staff]);
  expect(synced.code, synced.stderr).toBe(0);
  const on = await cli(['reminders', 'escalate', 'survey', '--on']);
  expect(on.code, on.stderr).toBe(0);
  const file = join(login.configDir, 'reminders.json');
  const input = (to: string[]) => writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to, title: '年末サーベイ', due }]));
  input([a, b, c, orphan]);
  const send = async (at: string, code: number = ExitCode.ok): Promise<Summary> => {
    const result = await cli(['send-reminders', '--input', file, '--json'], at);
    expect(result.code, result.stderr).toBe(code);
    return JSON.parse(result.stdout) as Summary;
  };
  return { ...login, users, manager, reports: [a, b, c], orphan, cli, file, input, send };
}

describe.each(BACKENDS)('manager escalation on %s', (backend) => {
  it('on the due day, once per (reminder, manager), listing only who is still pending; an unlinked manager is a skip', async () => {
    const f = await setup(backend);
    const [a, b, c] = f.reports as [string, string, string];
    const names = await withStore(f.configDir, async (store) => store.users.byIds(f.reports));
    expect((await f.send(BEFORE_DUE)).messages.delivered).toBe(4);
    expect(escalationsTo(f.manager)).toHaveLength(0);

    // c answered: the due day's input no longer lists them.
    f.input([a, b, f.orphan]);
    const due = await f.send(DUE_DAY);
    expect(due.recipients.filter((r) => r.recipient === f.manager).map((r) => [r.reminderId, r.outcome])).toEqual([['s1', 'delivered']]);
    expect(due.recipients.find((r) => r.recipient === 'M-unlinked')).toEqual(expect.objectContaining({ outcome: 'skipped', reason: 'manager-unlinked' }));
    const [message] = escalationsTo(f.manager);
    expect(message).toContain('「年末サーベイ」にまだ回答していないメンバーが2人います。');
    expect(message).toContain(`・${names.get(a)!.name}さん`);
    expect(message).toContain(`・${names.get(b)!.name}さん`);
    expect(message).not.toContain(names.get(c)!.name);
    expect(message).not.toContain('https://');

    expect((await f.send(DUE_DAY)).messages.delivered).toBe(0);
    expect(escalationsTo(f.manager)).toHaveLength(1);
    // Reports get nothing more on the due day: no schedule, no follow-up.
    for (const id of f.reports) expect(inbox(id), id).toHaveLength(1);
  });

  it('with a follow-up schedule: on the day of the last round, after it, to the manager of who is still pending', async () => {
    const f = await setup(backend);
    const [a, b] = f.reports as [string, string];
    // Due Friday 4 December; the last follow-up is 2 days before, Wednesday 2 December.
    expect((await f.cli(['reminders', 'schedule', 'survey', '--days-before', '2'], '2026-11-30T10:00:00+09:00')).code).toBe(0);
    expect((await f.send('2026-11-30T10:00:00+09:00')).messages.delivered).toBe(4);
    expect(escalationsTo(f.manager)).toHaveLength(0);
    f.input([a, b, f.orphan]);
    const lastRound = await f.send(BEFORE_DUE);
    // The follow-up to the three still pending, then the manager's list of two.
    expect(lastRound.messages.delivered).toBe(4);
    expect(escalationsTo(f.manager)).toHaveLength(1);
    expect(escalationsTo(f.manager)[0]).toContain('まだ回答していないメンバーが2人います。');
    expect((await f.send(DUE_DAY)).messages.delivered).toBe(0);
    expect(escalationsTo(f.manager)).toHaveLength(1);
    expect(inbox(a)).toHaveLength(2);
  });

  it('the answer to the POST is lost: reconciled from the room, still one message', async () => {
    const f = await setup(backend);
    await f.send(BEFORE_DUE);
    sandbox.control.setFaults({ dropAfterRate: 1, postsOnly: true });
    const lost = await f.send(DUE_DAY);
    expect(lost.recipients.find((r) => r.recipient === f.manager)).toEqual(expect.objectContaining({ outcome: 'delivered', how: 'reconciled' }));
    sandbox.control.setFaults({ dropAfterRate: 0 });
    expect((await f.send(DUE_DAY)).messages.delivered).toBe(0);
    expect(escalationsTo(f.manager)).toHaveLength(1);
  });

  it('SIGKILL with the escalation on the wire: the next run settles it from the room, still one message', async () => {
    // A real process on the real clock: the reminder is due today in Tokyo; --now for a weekend.
    const today = localTime(Date.now(), 'Asia/Tokyo').date;
    const f = await setup(backend, today);
    const env = { ...f.env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
    // The reports got their first message ten days before (no escalation then): the killed run posts the escalation alone.
    const earlier = await runCli([...f.args, 'send-reminders', '--input', f.file, '--now'], { env, clock: clockAt(new Date(Date.now() - 10 * 86_400_000).toISOString()) });
    expect(earlier.code, earlier.stderr).toBe(ExitCode.ok);
    expect(escalationsTo(f.manager)).toHaveLength(0);
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const held = postGate.holdAfter(0);
    const child = spawn(process.execPath, [BIN, ...f.args, 'send-reminders', '--input', f.file, '--now'], { env: { ...process.env, ...env, LANG: 'C' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    expect(await Promise.race([held.then(() => 'held'), exited.then(() => 'exited')])).toBe('held');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    postGate.release();
    // Killed with the escalation's intent durable and its POST on the wire (served or not, the ledger cannot know).
    const entry = await withStore(f.configDir, (store) => store.deliveries.entry(pairKey('s1', f.manager, MANAGER_ROUND)));
    expect(entry?.status).toBe('in-flight');
    sandbox.control.setFaults({ latencyMs: 0 });
    const rerun = await runCli([...f.args, 'send-reminders', '--input', f.file, '--now', '--json'], { env });
    expect(rerun.code, rerun.stderr).toBe(ExitCode.ok);
    const settled = (JSON.parse(rerun.stdout) as Summary).recipients.filter((r) => r.recipient === f.manager);
    // Found in the room (reconciled) when the held POST was served; posted now when it was not: once either way.
    expect(settled).toEqual([expect.objectContaining({ outcome: 'delivered' })]);
    expect(escalationsTo(f.manager)).toHaveLength(1);
    for (const id of f.reports) expect(inbox(id), id).toHaveLength(1);
  });
});
