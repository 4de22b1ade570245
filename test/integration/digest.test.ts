import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { createPostGate } from '../helpers/post-gate.js';
import { postgres } from '../helpers/postgres.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { withStore } from '../helpers/state.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';

/**
 * One message per person per run: a survey and an update survey due for the same person go as
 * one message listing both, and every (reminder, person) pair is recorded as sent by it, once,
 * also when that one message was lost in flight (a crash, or an answer that never came).
 */
const postGate = createPostGate();
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(4), clock: postGate }); });
afterAll(async () => { postGate.release(); await sandbox.stop(); });
beforeEach(() => { postGate.release(); sandbox.control.reset(); });

const REMINDERS = [
  { id: 's1', type: 'survey', title: '12月のサーベイ', due: '2026-12-11', url: 'https://himanager.example/s/1' },
  { id: 'u1', type: 'update_survey', title: '今月のアップデート', due: '2026-12-09', url: 'https://himanager.example/u/1' },
];
const PRAISE = { id: 'p1', type: 'praise', message: 'いつもありがとうございます', url: 'https://himanager.example/p/1' };

interface History { reminderId: string; userId: string; status: string; type?: string; round?: string }

async function setup(backend: Backend, extra: object[] = []) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([...REMINDERS, ...extra].map((r) => ({ ...r, to: users, ...('message' in r ? { from: users[0] } : {}) }))));
  // A run killed with a post on the wire makes the next one wait out the POST timeout: shortened here.
  const env = { ...login.env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
  const cli = (args: string[], at?: string) => runCli([...login.args, ...args], { env, ...(at ? { clock: clockAt(at) } : {}) });
  const send = async (args: string[] = [], code: number = ExitCode.ok, at?: string) => {
    const result = await cli(['send-reminders', '--input', file, '--json', ...args], at);
    expect(result.code, result.stderr).toBe(code);
    return JSON.parse(result.stdout) as { messages: { delivered: number; deferred: number }; reminders: { delivered: number }; recipients: { reminderId: string; outcome: string; how?: string }[] };
  };
  const history = async () => (await cli(['history', '--json'])).stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as History);
  return { ...login, env, users, file, cli, send, history };
}

/** Each person's direct chat: how many messages, and how many of them name each reminder. */
function inbox() {
  return [...dmInbox(sandbox).values()].map((bodies) => ({
    messages: bodies.length,
    survey: bodies.filter((b) => b.includes('「12月のサーベイ」')).length,
    update: bodies.filter((b) => b.includes('「今月のアップデート」')).length,
  }));
}

const sentPairs = (rows: History[]) => rows.filter((row) => row.status === 'delivered').map((row) => `${row.reminderId}:${row.userId}`).sort();

describe.each(BACKENDS)('digest on %s', (backend) => {
  if (backend === 'postgres' && !postgres.available) { it.skip(`PostgreSQL: ${postgres.reason}`, () => {}); return; }

  it('a survey and an update survey for one person go as one message listing both, earliest due first; every pair recorded once', async () => {
    const f = await setup(backend);
    const first = await f.send();
    expect(first.messages.delivered).toBe(f.users.length);
    expect(first.reminders.delivered).toBe(2 * f.users.length);
    expect(first.recipients.filter((r) => r.outcome === 'delivered')).toHaveLength(2 * f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 1, survey: 1, update: 1 });
    const body = [...dmInbox(sandbox).values()][0]![0]!;
    expect(body).toContain('回答のお願い（2件）');
    // The update survey is due first: listed first, with its date and link.
    expect(body.indexOf('今月のアップデート')).toBeLessThan(body.indexOf('12月のサーベイ'));
    expect(body).toContain('回答期限: 2026年12月9日（水）');
    expect(body).toContain('https://himanager.example/s/1');
    expect(sentPairs(await f.history())).toEqual(f.users.flatMap((u) => [`s1:${u}`, `u1:${u}`]).sort());
    // One ledger row for the digest, but each pair shows its own reminder's type, and --type finds it.
    const types = new Set((await f.history()).map((row) => `${row.reminderId}:${row.type}`));
    expect([...types].sort()).toEqual(['s1:survey', 'u1:update-survey']);
    const updates = (await f.cli(['history', '--type', 'update-survey', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as History);
    expect(updates.map((row) => row.reminderId)).toEqual(f.users.map(() => 'u1'));
    // Exactly once: the next run sends nothing.
    expect((await f.send()).messages.delivered).toBe(0);
    for (const person of inbox()) expect(person.messages).toBe(1);
  });

  it('--no-digest, and `reminders digest --off`, send each reminder as a message of its own', async () => {
    const f = await setup(backend);
    const once = await f.send(['--no-digest']);
    expect(once.messages.delivered).toBe(2 * f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 2, survey: 1, update: 1 });

    sandbox.control.reset();
    const g = await setup(backend);
    const off = await g.cli(['reminders', 'digest', '--off']);
    expect(off.code, off.stderr).toBe(0);
    expect((await g.send()).messages.delivered).toBe(2 * g.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 2, survey: 1, update: 1 });
  });

  it('praise is never combined: it goes on its own beside the digest', async () => {
    const f = await setup(backend, [PRAISE]);
    const result = await f.send();
    expect(result.reminders.delivered).toBe(3 * f.users.length);
    for (const bodies of dmInbox(sandbox).values()) {
      expect(bodies).toHaveLength(2);
      const praise = bodies.filter((b) => b.includes('いつもありがとうございます'));
      expect(praise).toHaveLength(1);
      expect(praise[0]).not.toContain('12月のサーベイ');
    }
  });

  it('a digest held for the send window goes out the next morning as the same one message', async () => {
    const f = await setup(backend);
    await withStore(f.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
    const evening = await f.send([], ExitCode.ok, '2026-11-25T20:00:00+09:00');
    expect(evening.messages.deferred).toBe(f.users.length);
    expect(inbox().every((person) => person.messages === 0)).toBe(true);
    // The input no longer lists them: the held digest goes out from what the ledger kept.
    writeFileSync(f.file, '[]');
    const morning = await f.send(['--allow-empty'], ExitCode.ok, '2026-11-26T09:05:00+09:00');
    expect(morning.messages.delivered).toBe(f.users.length);
    expect(morning.reminders.delivered).toBe(2 * f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 1, survey: 1, update: 1 });
    expect(sentPairs(await f.history())).toEqual(f.users.flatMap((u) => [`s1:${u}`, `u1:${u}`]).sort());
  });

  it('follow-up rounds due the same morning for one person are one digest too, each pair recorded in its round', async () => {
    const f = await setup(backend);
    await withStore(f.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
    for (const type of ['survey', 'update-survey']) {
      const scheduled = await f.cli(['reminders', 'schedule', type, '--days-before', '1'], '2026-11-30T09:00:00+09:00');
      expect(scheduled.code, scheduled.stderr).toBe(0);
    }
    writeFileSync(f.file, JSON.stringify(REMINDERS.map((r) => ({ ...r, due: '2026-12-10', to: f.users }))));
    expect((await f.send([], ExitCode.ok, '2026-12-01T09:05:00+09:00')).messages.delivered).toBe(f.users.length);
    const followUp = await f.send([], ExitCode.ok, '2026-12-09T09:05:00+09:00');
    expect(followUp.messages.delivered).toBe(f.users.length);
    expect(followUp.reminders.delivered).toBe(2 * f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 2, survey: 2, update: 2 });
    const stats = JSON.parse((await f.cli(['reminders', 'stats', '--json'])).stdout) as { reminders: { reminderId: string; messages: Record<string, number> }[] };
    for (const id of ['s1', 'u1']) expect(stats.reminders.find((r) => r.reminderId === id)?.messages).toEqual({ '': f.users.length, d1: f.users.length });
    expect((await f.send([], ExitCode.ok, '2026-12-09T15:00:00+09:00')).messages.delivered).toBe(0);
  });

  it('an answer lost after the digest was stored: found in the room, one message, both pairs sent', async () => {
    const f = await setup(backend);
    sandbox.control.setFaults({ dropAfterRate: 1, postsOnly: true });
    const result = await f.send();
    sandbox.control.setFaults({ dropAfterRate: 0 });
    expect(result.recipients.filter((r) => r.outcome === 'delivered' && r.how === 'reconciled')).toHaveLength(2 * f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 1, survey: 1, update: 1 });
    expect(sentPairs(await f.history())).toHaveLength(2 * f.users.length);
    expect((await f.send()).messages.delivered).toBe(0);
  });

  it('SIGKILL after the digest was stored and before its outcome was written: the next run finds it, exactly one message, every pair sent', async () => {
    const f = await setup(backend);
    // The first digest is stored and its answer lost (the run waits before looking in the room);
    // every later post is held on the wire. Killed once the first is in the room: in flight, no outcome.
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true, dropAfterRate: 1 });
    const held = postGate.holdAfter(1);
    const child = spawn(process.execPath, [BIN, ...f.args, 'send-reminders', '--input', f.file], { env: { ...process.env, ...f.env, LANG: 'C' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await held;
    await expect.poll(() => inbox().reduce((n, p) => n + p.messages, 0)).toBe(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    postGate.release();
    sandbox.control.setFaults({ latencyMs: 0, dropAfterRate: 0 });
    const next = await f.send();
    // Settled before planning: the digest found in its room by its body, both of its pairs delivered.
    expect(next.recipients.filter((r) => r.how === 'reconciled')).toHaveLength(2);
    expect(next.messages.delivered).toBe(f.users.length);
    for (const person of inbox()) expect(person).toEqual({ messages: 1, survey: 1, update: 1 });
    expect(sentPairs(await f.history())).toEqual(f.users.flatMap((u) => [`s1:${u}`, `u1:${u}`]).sort());
    expect((await f.send()).messages.delivered).toBe(0);
  }, 60_000);
});
