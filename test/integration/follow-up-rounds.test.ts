import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { addGroupRoom } from '../../sandbox/src/model/people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/**
 * Follow-up rounds against the sandbox, the clock driven per run (clockAt): the rounds go on
 * their days, only to those still listed, once each, never two at once, never after due, and
 * never sooner than the gap after the last message to that person.
 */
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(5) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const accountOf = (userId: string) => Number(userId.slice(1));
/** What one person received for one reminder title: first messages, 「再送」 and 「本日締切」. */
function received(userId: string, title: string) {
  const bodies = (dmInbox(sandbox).get(accountOf(userId)) ?? []).filter((body) => body.includes(`「${title}」`));
  return {
    total: bodies.length,
    first: bodies.filter((b) => !b.includes('【再送】') && !b.includes('【本日締切】')).length,
    followUp: bodies.filter((b) => b.includes('【再送】')).length,
    dueToday: bodies.filter((b) => b.includes('【本日締切】')).length,
  };
}

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  // Reminders wait for the window (09:00-18:00 Tokyo, weekends and holidays closed).
  await withStore(login.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
  const file = join(login.configDir, 'reminders.json');
  const cli = (args: string[], at: string) => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  const input = (reminders: object[]) => writeFileSync(file, JSON.stringify(reminders));
  const send = async (at: string) => {
    const result = await cli(['send-reminders', '--input', file, '--json'], at);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    return (JSON.parse(result.stdout) as { messages: { delivered: number } }).messages.delivered;
  };
  const scheduled = await cli(['reminders', 'schedule', 'survey', '--days-before', '3,1,0'], '2026-11-30T09:00:00+09:00');
  expect(scheduled.code, scheduled.stderr).toBe(0);
  return { ...login, users, cli, input, send, file };
}

describe.each(BACKENDS)('follow-up rounds on %s', (backend) => {
  it('rounds at the right dates, none to someone who answered, only the latest after missed runs, nothing after due', async () => {
    const f = await setup(backend);
    const [answered, ...pending] = f.users as [string, ...string[]];
    const survey = (to: string[]) => ({ id: 's1', type: 'survey', to, title: '12月サーベイ', due: '2026-12-10', url: 'https://example.com/s1' });
    f.input([survey(f.users)]);
    // Tuesday 12-01: the first message to everyone; later that day and on Thursday 12-03, nothing more.
    expect(await f.send('2026-12-01T09:05:00+09:00')).toBe(f.users.length);
    expect(await f.send('2026-12-01T15:00:00+09:00')).toBe(0);
    expect(await f.send('2026-12-03T09:05:00+09:00')).toBe(0);
    // The next export no longer lists one person: they answered. Monday 12-07 is d3.
    f.input([survey(pending)]);
    expect(await f.send('2026-12-07T08:30:00+09:00')).toBe(0);
    expect(await f.send('2026-12-07T09:05:00+09:00')).toBe(pending.length);
    expect(await f.send('2026-12-07T16:00:00+09:00')).toBe(0);
    // No run on Wednesday 12-09 (d1): on the due day only d0 goes, once.
    expect(await f.send('2026-12-10T09:05:00+09:00')).toBe(pending.length);
    expect(await f.send('2026-12-10T17:00:00+09:00')).toBe(0);
    // After due: nothing.
    expect(await f.send('2026-12-11T09:05:00+09:00')).toBe(0);
    expect(received(answered, '12月サーベイ')).toEqual({ total: 1, first: 1, followUp: 0, dueToday: 0 });
    for (const user of pending) expect(received(user, '12月サーベイ'), user).toEqual({ total: 3, first: 1, followUp: 1, dueToday: 1 });
    await withStore(f.configDir, async (store) => {
      // Answered with the 08:30 run's input (the test clock runs on from there), after the first message.
      const [who] = await store.reminders.answered('s1');
      expect(who).toMatchObject({ userId: answered, afterRound: '' });
      expect(who!.at - Date.parse('2026-12-07T08:30:00+09:00')).toBeGreaterThanOrEqual(0);
      expect(who!.at - Date.parse('2026-12-07T08:30:00+09:00')).toBeLessThan(60_000);
      expect(await store.reminders.pending('s1')).toEqual([...pending].sort());
    });
  }, 120_000);

  it('the gap: first seen 2 days before due late in the day, d1 waits 20 hours, never d3, then d0; the dry run --at shows it', async () => {
    const f = await setup(backend);
    f.input([{ id: 's2', type: 'survey', to: f.users, title: '追加サーベイ', due: '2026-12-10' }]);
    // Tuesday 12-08 17:30: the first message. Wednesday 09:05 is d1's day, but only 15.5 hours later.
    expect(await f.send('2026-12-08T17:30:00+09:00')).toBe(f.users.length);
    const dry = await f.cli(['send-reminders', '--input', f.file, '--dry-run', '--json', '--at', '2026-12-09T09:05:00+09:00'], '2026-12-08T18:00:00+09:00');
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as { deliveries: unknown[]; waiting: { userId: string; why: string; next?: { round: string; at: string } }[] };
    expect(plan.deliveries).toEqual([]);
    expect(plan.waiting).toHaveLength(f.users.length);
    // 20 hours after the first message (sent a moment after 17:30: the test clock runs on).
    expect(plan.waiting[0]).toMatchObject({ why: 'gap', next: { round: 'd1', at: expect.stringMatching(/^2026-12-09T13:3[01]:\d\d\+09:00$/) } });
    const later = JSON.parse((await f.cli(['send-reminders', '--input', f.file, '--dry-run', '--json', '--at', '2026-12-09T13:35:00+09:00'], '2026-12-08T18:00:00+09:00')).stdout) as { deliveries: { round: string }[] };
    expect(later.deliveries.map((d) => d.round)).toEqual(f.users.map(() => 'd1'));
    const refused = await f.cli(['send-reminders', '--input', f.file, '--at', '2026-12-09T13:30:00+09:00'], '2026-12-08T18:00:00+09:00');
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('--at');

    expect(await f.send('2026-12-09T09:05:00+09:00')).toBe(0);
    expect(await f.send('2026-12-09T13:35:00+09:00')).toBe(f.users.length);
    expect(await f.send('2026-12-09T17:00:00+09:00')).toBe(0);
    // d1 left at 13:35: d0 waits until 20 hours later, 09:35 on the due day.
    expect(await f.send('2026-12-10T09:05:00+09:00')).toBe(0);
    expect(await f.send('2026-12-10T09:40:00+09:00')).toBe(f.users.length);
    for (const user of f.users) expect(received(user, '追加サーベイ'), user).toEqual({ total: 3, first: 1, followUp: 1, dueToday: 1 });
    // history says which round each line was: the first message has no round, the others theirs.
    const lines = (await f.cli(['--lang', 'ja', 'history', '--user', f.users[0]!], '2026-12-10T10:00:00+09:00')).stdout.trim().split('\n');
    expect(lines.filter((line) => line.includes('s2'))).toEqual([
      expect.stringContaining('サーベイ（期限当日）'), expect.stringContaining('サーベイ（期限の1日前）'), expect.not.stringContaining('（'),
    ]);
  }, 120_000);

  it('follow-up templates are edited and checked like the others, and used by their round', async () => {
    const f = await setup(backend);
    const at = '2026-12-01T09:00:00+09:00';
    const custom = join(f.configDir, 'follow-up.txt');
    writeFileSync(custom, '{to}\n[info][title]再送のお知らせ（社内）[/title]「{title}」の回答をお待ちしています。\n{url}[/info]\n');
    const set = await f.cli(['templates', 'set', 'survey', '--variant', 'follow-up', '--lang', 'ja', '--file', custom], at);
    expect(set.code, set.stderr).toBe(0);
    const shown = JSON.parse((await f.cli(['templates', 'show', 'survey', '--variant', 'follow-up', '--lang', 'ja', '--json'], at)).stdout) as { source: string; template: string };
    expect(shown).toMatchObject({ source: 'custom', template: expect.stringContaining('再送のお知らせ（社内）') });
    const dueToday = JSON.parse((await f.cli(['templates', 'show', 'survey', '--variant', 'due-today', '--lang', 'ja', '--json'], at)).stdout) as { source: string; template: string };
    expect(dueToday).toMatchObject({ source: 'builtin', template: expect.stringContaining('【本日締切】') });
    // Checked like the others: an unknown placeholder is exit 2, nothing saved; so is an unknown variant or praise.
    writeFileSync(custom, '{to} {unknown}');
    const bad = await f.cli(['templates', 'set', 'survey', '--variant', 'follow-up', '--lang', 'ja', '--file', custom], at);
    expect(bad.code).toBe(ExitCode.usage);
    expect((await f.cli(['templates', 'show', 'survey', '--variant', 'later', '--json'], at)).code).toBe(ExitCode.usage);
    expect((await f.cli(['templates', 'show', 'praise', '--variant', 'follow-up', '--json'], at)).code).toBe(ExitCode.usage);

    f.input([{ id: 's4', type: 'survey', to: f.users, title: '文面サーベイ', due: '2026-12-10' }]);
    expect(await f.send('2026-12-01T09:05:00+09:00')).toBe(f.users.length);
    expect(await f.send('2026-12-07T09:05:00+09:00')).toBe(f.users.length);
    expect(await f.send('2026-12-10T09:05:00+09:00')).toBe(f.users.length);
    for (const user of f.users) {
      const bodies = (dmInbox(sandbox).get(accountOf(user)) ?? []).filter((b) => b.includes('「文面サーベイ」'));
      expect(bodies.map((b) => b.includes('再送のお知らせ（社内）') ? 'custom' : b.includes('【本日締切】') ? 'due-today' : 'first'), user).toEqual(['first', 'custom', 'due-today']);
    }
    const reset = await f.cli(['templates', 'reset', 'survey', '--variant', 'follow-up', '--json'], at);
    expect(JSON.parse(reset.stdout)).toEqual({ type: 'survey', variant: 'followUp', langs: ['ja', 'en'], reset: ['ja'] });
    expect(JSON.parse((await f.cli(['templates', 'show', 'survey', '--variant', 'follow-up', '--lang', 'ja', '--json'], at)).stdout)).toMatchObject({ source: 'builtin' });
  }, 120_000);

  it('a follow-up held for the window is withdrawn for someone who answers before it goes out; the others get it once', async () => {
    const f = await setup(backend);
    const [answers, ...others] = f.users as [string, ...string[]];
    const survey = (to: string[]) => ({ id: 's5', type: 'survey', to, title: '保留サーベイ', due: '2026-12-10' });
    f.input([survey(f.users)]);
    expect(await f.send('2026-12-01T09:05:00+09:00')).toBe(f.users.length);
    // Monday 12-07 18:30: d3 is due, the window has closed: held until Tuesday 09:00.
    const evening = await f.cli(['send-reminders', '--input', f.file, '--json'], '2026-12-07T18:30:00+09:00');
    expect(evening.code, evening.stderr).toBe(0);
    expect((JSON.parse(evening.stdout) as { messages: { deferred: number } }).messages.deferred).toBe(f.users.length);
    f.input([survey(others)]);
    expect(await f.send('2026-12-08T09:05:00+09:00')).toBe(others.length);
    expect(await f.send('2026-12-08T10:00:00+09:00')).toBe(0);
    expect(received(answers, '保留サーベイ')).toEqual({ total: 1, first: 1, followUp: 0, dueToday: 0 });
    for (const user of others) expect(received(user, '保留サーベイ'), user).toEqual({ total: 2, first: 1, followUp: 1, dueToday: 0 });
    const withdrawn = (await f.cli(['history', '--status', 'withdrawn', '--json'], '2026-12-08T10:00:00+09:00')).stdout.trim().split('\n').filter(Boolean)
      .map((line) => JSON.parse(line) as { userId: string; reason: string });
    expect(withdrawn).toEqual([expect.objectContaining({ userId: answers, reason: 'withdrawn-answered' })]);
  }, 120_000);

  it('in a group chat: each round is one post mentioning only those still pending, once', async () => {
    const f = await setup(backend);
    const state = sandbox.control.state;
    const room = addGroupRoom(state, '全社員', [[state.operatorId, 'admin'], ...f.users.map((id): [number, 'member'] => [accountOf(id), 'member'])]);
    await withStore(f.configDir, (store) => store.destinations.set('survey', `room:${room.room_id}`));
    const [answered, ...pending] = f.users as [string, ...string[]];
    const survey = (to: string[]) => ({ id: 's6', type: 'survey', to, title: '部署サーベイ', due: '2026-12-10' });
    f.input([survey(f.users)]);
    expect(await f.send('2026-12-01T09:05:00+09:00')).toBe(1);
    f.input([survey(pending)]);
    expect(await f.send('2026-12-07T09:05:00+09:00')).toBe(1);
    expect(await f.send('2026-12-07T10:00:00+09:00')).toBe(0);
    expect(await f.send('2026-12-10T09:05:00+09:00')).toBe(1);
    const bodies = room.messages.map((m) => m.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toContain(`[To:${accountOf(answered)}]`);
    for (const body of bodies.slice(1)) {
      expect(body).not.toContain(`[To:${accountOf(answered)}]`);
      for (const user of pending) expect(body).toContain(`[To:${accountOf(user)}]`);
    }
    expect(bodies[1]).toContain('【再送】');
    expect(bodies[2]).toContain('【本日締切】');
  }, 120_000);

  it('without a schedule a reminder goes once, as before', async () => {
    const f = await setup(backend);
    expect((await f.cli(['reminders', 'schedule', 'survey', '--off'], '2026-12-01T09:00:00+09:00')).code).toBe(0);
    f.input([{ id: 's3', type: 'survey', to: f.users, title: '単発サーベイ', due: '2026-12-10' }]);
    expect(await f.send('2026-12-07T09:05:00+09:00')).toBe(f.users.length);
    expect(await f.send('2026-12-09T09:05:00+09:00')).toBe(0);
    expect(await f.send('2026-12-10T09:05:00+09:00')).toBe(0);
    for (const user of f.users) expect(received(user, '単発サーベイ').total).toBe(1);
  }, 120_000);
});
