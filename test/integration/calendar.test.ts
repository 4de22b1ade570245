import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { readState, withStore } from '../helpers/state.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { TEXT_LOG_LINE } from '../../src/logging/log-line.js';
import { systemClock } from '../../src/io/clock.js';

// A server whose clock runs in UTC: every time shown must still be Tokyo's.
process.env.TZ = 'UTC';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(24) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

/** A configured install with the default calendar: Tokyo, 09:00-18:00, surveys deferred, praise sent. */
async function setup() {
  const login = await loggedInConfigDir(sandbox);
  const users = await linkAllContacts(sandbox, login.configDir);
  await withStore(login.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([
    { id: 's1', type: 'survey', to: users, title: 'サーベイ 1' },
    { id: 'p1', type: 'praise', to: users[0], from: users[1], message: 'ありがとう' },
  ]));
  const send = (at: string, ...extra: string[]) =>
    runCli([...login.args, 'send-reminders', '--input', file, '--json', ...extra], { env: login.env, clock: clockAt(at) });
  return { ...login, users, file, send };
}

const surveysDelivered = () => [...dmInbox(sandbox).values()].map((bodies) => bodies.filter((b) => b.includes('サーベイ 1')).length);

describe('send windows', () => {
  it('defers surveys at 20:00, sends praise, then delivers the surveys once in the next window even from an empty input', async () => {
    const f = await setup();
    const evening = await f.send('2026-11-25T20:00:00+09:00');
    expect(evening.code).toBe(ExitCode.ok);
    const report = JSON.parse(evening.stdout);
    expect(report.messages).toMatchObject({ delivered: 1, deferred: f.users.length });
    expect(report.recipients.find((r: { outcome: string }) => r.outcome === 'deferred').until).toBe('2026-11-26T09:00:00+09:00');
    expect(surveysDelivered().every((n) => n === 0)).toBe(true);

    const later = JSON.parse((await f.send('2026-11-25T23:30:00+09:00')).stdout);
    expect(later.messages.delivered).toBe(0);

    // The next morning the input no longer lists the survey: the ledger kept what was deferred.
    // An empty input is an error unless it is meant (--allow-empty): a broken export must alert.
    writeFileSync(f.file, '[]');
    expect((await f.send('2026-11-26T09:05:00+09:00')).code).toBe(ExitCode.usage);
    expect(surveysDelivered().every((n) => n === 0)).toBe(true);
    const morning = await f.send('2026-11-26T09:05:00+09:00', '--allow-empty');
    expect(morning.code).toBe(ExitCode.ok);
    expect(JSON.parse(morning.stdout).messages.delivered).toBe(f.users.length);
    expect(JSON.parse((await f.send('2026-11-26T10:00:00+09:00', '--allow-empty')).stdout).messages.delivered).toBe(0);
    expect(surveysDelivered().every((n) => n === 1)).toBe(true);
  });

  it('holds on weekends, holidays and the new-year closure; --now overrides with a warning', async () => {
    const f = await setup();
    const newYear = JSON.parse((await f.send('2027-01-02T11:00:00+09:00')).stdout);
    expect(newYear.recipients.find((r: { outcome: string }) => r.outcome === 'deferred').until).toBe('2027-01-04T09:00:00+09:00');
    // A held delivery waits for the time it was held until, even for a run whose clock is earlier:
    // the holiday is asked of an install that holds nothing yet.
    const g = await setup();
    const holiday = await runCli([...g.args, 'send-reminders', '--input', g.file, '--dry-run', '--json'], { env: g.env, clock: clockAt('2026-05-06T11:00:00+09:00') });
    expect(JSON.parse(holiday.stdout).deferred.map((d: { until: string }) => d.until)).toEqual(g.users.map(() => '2026-05-07T09:00:00+09:00'));
    // For a person: the configured zone, the locale's way, on a UTC machine.
    const ja = await runCli([...g.args, '--lang', 'ja', 'send-reminders', '--input', g.file, '--dry-run'], { env: g.env, clock: clockAt('2026-05-06T11:00:00+09:00') });
    expect(ja.stdout).toContain('5月7日(木) 9:00まで保留');
    // Off a terminal each stderr line starts with the log's ISO time: the messages behind it have none.
    const messages = ja.stderr.split('\n').map((line) => TEXT_LOG_LINE.exec(line)?.[4] ?? line).join('\n');
    expect(ja.stdout + messages).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const en = await runCli([...f.args, 'calendar'], { env: f.env, clock: clockAt('2026-05-06T20:00:00+09:00') });
    expect(en.stdout).toContain('Next send window opens Thu, May 7, 09:00 JST.');
    const forced = await runCli([...g.args, 'send-reminders', '--input', g.file, '--now'], { env: g.env, clock: clockAt('2026-11-28T03:00:00+09:00') });
    expect(forced.stderr).toContain('Warning: --now sends outside the send window');
    expect(surveysDelivered().every((n) => n === 1)).toBe(true);
  });

  it('skips instead of deferring when the policy says skip', async () => {
    const f = await setup();
    await runCli([...f.args, 'calendar', 'set', 'policy.survey', 'skip'], { env: f.env });
    const result = await f.send('2026-11-25T07:00:00+09:00');
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout).recipients.filter((r: { reason?: string }) => r.reason === 'outside-window')).toHaveLength(f.users.length);
  });

  it('stops cleanly when the window closes mid-run and sends the rest the next morning, once', async () => {
    const f = await setup();
    // The window closes on an event, not on the machine's speed: it is 17:59:59 until the sandbox
    // has stored the 6th survey, 18:00:01 after.
    const posts = () => (sandbox.control.stats() as { posts: number }).posts;
    const closingClock = { ...systemClock, now: () => Date.parse(posts() >= 6 ? '2026-11-25T18:00:01+09:00' : '2026-11-25T17:59:59+09:00') };
    const closing = await runCli([...f.args, 'send-reminders', '--input', f.file, '--json'], { env: f.env, clock: closingClock });
    expect(closing.code).toBe(ExitCode.ok);
    const first = JSON.parse(closing.stdout).messages;
    // Six surveys, the up to three more already on the wire when it closed, and the praise (sent at any hour).
    expect(first.delivered).toBeGreaterThanOrEqual(7);
    expect(first.delivered).toBeLessThanOrEqual(10);
    expect(first.delivered + first.deferred).toBe(f.users.length + 1);
    expect(first.failed).toBe(0);
    const morning = JSON.parse((await f.send('2026-11-26T09:01:00+09:00')).stdout).messages;
    expect(morning.delivered).toBe(first.deferred);
    expect(surveysDelivered().every((n) => n === 1)).toBe(true);
  });

  it('summarises in one vocabulary, each pair counted once, grouped by reason with the first names (ja)', async () => {
    const f = await setup();
    const send = (at: string) => runCli([...f.args, '--lang', 'ja', 'send-reminders', '--input', f.file], { env: f.env, clock: clockAt(at) });
    const evening = await send('2026-11-25T20:00:00+09:00');
    expect(evening.stderr).toContain(`送信済み1件、保留${f.users.length}件、スキップ0件、失敗0件。`);
    expect(evening.stderr).toMatch(new RegExp(`保留（送信時間帯まで、11月26日\\(木\\) 9:00）: ${f.users.length}件 — [^\\n]+ \\(${f.users[0]}\\)、[^\\n]+ほか${f.users.length - 3}人`));
    // The next morning: the deferred pairs go out through the outbox, and are not also "skipped".
    const morning = await send('2026-11-26T09:01:00+09:00');
    expect(morning.stderr).toContain(`送信済み${f.users.length}件、保留0件、スキップ1件、失敗0件。`);
    expect(morning.stderr).toMatch(/スキップ（以前の実行で送信済み）: 1件 — /);
    expect(morning.stderr).not.toContain('保留済み');
    expect(surveysDelivered().every((n) => n === 1)).toBe(true);
  });

  it('makes doctor warn when cron only ever runs outside the window', async () => {
    const f = await setup();
    await f.send('2026-11-25T06:00:00+09:00');
    await f.send('2026-11-26T06:00:00+09:00');
    const doctor = await runCli([...f.args, 'doctor', '--json'], { env: f.env, clock: clockAt('2026-11-26T06:05:00+09:00') });
    const check = JSON.parse(doctor.stdout).checks.find((c: { findingKey: string }) => c.findingKey === 'doctor.window.outside');
    expect(check.status).toBe('warn');
    expect(check.remedy).toContain('5 9 * * 1-5');
  });
});

describe('doctor and held deliveries', () => {
  it('warns of deliveries held past their window (an hour after it opened, to the millisecond), with their count', async () => {
    const f = await setup();
    const evening = JSON.parse((await f.send('2026-11-25T20:00:00+09:00')).stdout).messages;
    expect(evening.deferred).toBe(f.users.length);
    // One run only: the "cron always outside" rule does not apply, so only the held deliveries' age can warn.
    // A clock stopped at the instant (sleeps stay real): doctor reads the time once, exactly there.
    const window = async (at: number) => {
      const doctor = await runCli([...f.args, 'doctor', '--json'], { env: f.env, clock: { ...systemClock, now: () => at } });
      const check = JSON.parse(doctor.stdout).checks.find((c: { id: string }) => c.id === 'send-window');
      return { code: doctor.code, status: check.status, key: check.findingKey, finding: check.finding as string, deferred: Number(/(\d+) deliver/.exec(check.finding)?.[1]) };
    };
    const held = await runCli([...f.args, 'history', '--status', 'deferred', '--json'], { env: f.env, clock: clockAt('2026-11-25T20:01:00+09:00') });
    const untils = new Set(held.stdout.trim().split('\n').map((line) => JSON.parse(line).until as string));
    expect(untils.size).toBe(1);
    const until = Date.parse([...untils][0]!);
    expect(await window(until + 3_600_000)).toMatchObject({ status: 'ok', key: 'doctor.window.ok', deferred: f.users.length });
    expect(await window(until + 3_600_001)).toMatchObject({ status: 'warn', key: 'doctor.window.outside' });
    expect((await window(until + 3_600_001)).finding).toContain(`so ${f.users.length} deferred reminder(s) wait`);
  });
});

describe('calendar command', () => {
  it('shows the days ahead with why each is off, and edits the settings, refusing bad values', async () => {
    const { args, env, configDir } = await loggedInConfigDir(sandbox);
    const cli = (extra: string[], at = '2026-12-27T12:00:00+09:00') => runCli([...args, ...extra], { env, clock: clockAt(at) });
    const shown = JSON.parse((await cli(['calendar', 'show', '--days', '10', '--json'])).stdout);
    expect(shown.days.map((d: { business: boolean }) => d.business)).toEqual([false, true, false, false, false, false, false, false, true, true]);
    expect(shown.nextWindowStart).toBe('2026-12-28T09:00:00+09:00');
    const ja = await cli(['--lang', 'ja', 'calendar', 'show', '--days', '8']);
    expect(ja.stdout).toContain('2027-01-01 (金)  送信なし  会社休業日（12-29..01-03）');
    expect((await cli(['calendar', 'set', 'window', '10:00-17:30'])).code).toBe(0);
    expect((await cli(['calendar', 'add-closure', '2026-12-28'])).code).toBe(0);
    expect(JSON.parse((await cli(['calendar', '--json'])).stdout).nextWindowStart).toBe('2027-01-04T10:00:00+09:00');
    expect((await cli(['calendar', 'remove-closure', '2026-12-28'])).code).toBe(0);
    expect((await cli(['calendar', 'set', 'timezone', 'Mars/Olympus'])).stderr).toContain('is not a time zone');
    expect((await cli(['calendar', 'set', 'window', '18:00-09:00'])).code).toBe(ExitCode.usage);
    expect((await cli(['calendar', 'add-closure', '02-30'])).stderr).toContain('is not a date or range');
    expect((await cli(['calendar', 'remove-closure', '05-05'])).stderr).toContain('the closures are: 12-29..01-03');
    const settings = (await readState(configDir)) as { calendar: { window: unknown } };
    expect(settings.calendar.window).toEqual({ start: '10:00', end: '17:30' });
  });
});
