import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localTime } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { seededRandom } from '../generators/random.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { createPostGate } from '../helpers/post-gate.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/**
 * A follow-up round is a delivery of its own with the same exactly-once guarantee: a run
 * SIGKILLed after the k-th post of the round (an event: the (k+1)-th post held on the wire),
 * then run again, leaves every pending person exactly one message of the round, none lost.
 *
 * The built CLI runs at the real time, so the calendar is set around it: a time zone in which
 * it is about noon now (Etc/GMT±N), open all day every day, the due date today there. The first
 * message went two days earlier (an in-process run on a clock set back).
 */
const postGate = createPostGate();
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(30), randomSeed: 20261205, clock: postGate }); });
afterAll(async () => { postGate.release(); await sandbox.stop(); });
beforeEach(() => { postGate.release(); sandbox.control.reset(); });

/** A zone where the local time now is between 06:00 and 18:00: the due day holds for hours. */
function noonZone(now: number): string {
  const offset = Math.max(-12, Math.min(14, 12 - new Date(now).getUTCHours()));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe.each(BACKENDS)('a follow-up round under SIGKILL on %s', (backend) => {
  it('SIGKILL after the k-th post of a follow-up round, then rerun: 0 duplicates, 0 lost', async () => {
    const login = await loggedInConfigDir(sandbox, backend);
    const users = await linkAllContacts(sandbox, login.configDir);
    const now = Date.now();
    const timeZone = noonZone(now);
    const due = localTime(now, timeZone).date;
    await withStore(login.configDir, (store) => store.config.update((s) => {
      s.calendar = { timeZone, window: { start: '00:00', end: '24:00' }, weekendsOff: false, holidays: false, closures: [], extraDates: [], policy: { survey: 'send', praise: 'send', 'update-survey': 'send' } };
      s.followUps = { survey: { daysBefore: [0], gapHours: 20 } };
    }));
    const file = join(login.configDir, 'reminders.json');
    writeFileSync(file, JSON.stringify([{ id: 'k1', type: 'survey', to: users, title: '締切サーベイ', due }]));
    const env = { ...login.env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
    const twoDaysAgo = new Date(now - 2 * 86_400_000).toISOString();
    const first = await runCli([...login.args, 'send-reminders', '--input', file, '--json'], { env, clock: clockAt(twoDaysAgo) });
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    const dueToday = () => [...dmInbox(sandbox).values()].map((bodies) => bodies.filter((b) => b.includes('【本日締切】')).length);
    expect(dueToday().every((n) => n === 0)).toBe(true);

    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true, dropAfterRate: 0.05 });
    const random = seededRandom(11);
    let killedMidRun = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      const k = 1 + Math.floor(random() * 8);
      const held = postGate.holdAfter(k);
      const child = spawn(process.execPath, [BIN, ...login.args, 'send-reminders', '--input', file], { env: { ...process.env, ...env, LANG: 'C' }, stdio: 'ignore' });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
      if (await Promise.race([held.then(() => true), exited.then(() => false)])) child.kill('SIGKILL');
      const [code, signal] = await exited;
      postGate.release();
      if (signal === 'SIGKILL') killedMidRun += 1;
      if (code === ExitCode.ok) break;
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
    expect(dueToday().some((n) => n > 0)).toBe(true);
    sandbox.control.setFaults({ latencyMs: 0, dropAfterRate: 0 });
    for (let run = 1; ; run++) {
      const result = await runCli([...login.args, 'send-reminders', '--input', file, '--json'], { env });
      if (result.code === ExitCode.ok) break;
      expect(result.code, result.stderr).toBe(ExitCode.partial);
      expect(run).toBeLessThan(10);
    }
    // Every person: the first message once, and the due-day round once.
    const inbox = dmInbox(sandbox);
    expect(inbox.size).toBe(users.length);
    for (const [account, bodies] of inbox) {
      expect(bodies.filter((b) => b.includes('【本日締切】')).length, `account ${account}`).toBe(1);
      expect(bodies.filter((b) => b.includes('「締切サーベイ」')).length, `account ${account}`).toBe(2);
    }
  }, 180_000);
});
