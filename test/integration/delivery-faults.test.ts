import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { seededRandom } from '../generators/random.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { createPostGate } from '../helpers/post-gate.js';

// Zero duplicates and zero lost, asserted per recipient, under every fault the sandbox can inject.
let sandbox: Sandbox;
// Sleeps only where a test sets a latency: there it holds posts on the wire for the test.
const postGate = createPostGate();
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(60), randomSeed: 20261124, clock: postGate }); });
afterAll(async () => { postGate.release(); await sandbox.stop(); });
beforeEach(() => { postGate.release(); sandbox.control.reset(); });

let backend: Backend = 'sqlite';

async function setup(reminderCount = 2, extra: string[] = []) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const file = join(login.configDir, 'reminders.json');
  const reminders = Array.from({ length: reminderCount }, (_, i) => ({ id: `r${i + 1}`, type: 'survey', to: users, title: `サーベイ ${i + 1}`, due: '2026-12-04' }));
  writeFileSync(file, JSON.stringify(reminders));
  // A run killed with posts on the wire makes the next one wait out the POST timeout: shortened here.
  const env = { ...login.env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
  const send = () => runCli([...login.args, 'send-reminders', '--input', file, '--json', ...extra], { env });
  return { ...login, env, users, file, send, reminderCount };
}

/** Each recipient got each reminder exactly once: no duplicate, none lost. */
function expectExactlyOnce(reminderCount: number, recipients: number) {
  const inbox = dmInbox(sandbox);
  expect(inbox.size).toBe(recipients);
  for (const [account, bodies] of inbox) {
    for (let i = 1; i <= reminderCount; i++) {
      const count = bodies.filter((b) => b.includes(`「サーベイ ${i}」`)).length;
      expect(count, `account ${account}, reminder r${i}`).toBe(1);
    }
  }
}

async function untilDone(send: () => Promise<{ code: number; stdout: string }>, maxRuns = 15) {
  for (let run = 1; run <= maxRuns; run++) {
    const result = await send();
    if (result.code === ExitCode.ok) return run;
    expect([ExitCode.partial]).toContain(result.code);
  }
  throw new Error('did not finish');
}

// Every exactly-once test runs on each backend, asserted per recipient.
describe.each(BACKENDS)('on %s', (which) => {
  beforeAll(() => { backend = which; });
  if (which === 'postgres' && !postgres.available) it.skip(`PostgreSQL: ${postgres.reason}`, () => {});
  else {
  describe('delivery under faults', () => {
    it('5xx answers and connections dropped before and after the message is stored', async () => {
      // One message per reminder (no digest): enough POSTs that the fault rates below surely fire
      // more than a few times (digests under faults have their own tests in digest.test.ts).
      const f = await setup(2, ['--no-digest']);
      sandbox.control.setFaults({ serverErrorRate: 0.15, dropBeforeRate: 0.1, dropAfterRate: 0.15, postsOnly: true });
      const outputs: { recipients: { how?: string }[] }[] = [];
      const runs = await untilDone(async () => {
        const result = await f.send();
        outputs.push(JSON.parse(result.stdout));
        return result;
      });
      sandbox.control.setFaults({ serverErrorRate: 0, dropBeforeRate: 0, dropAfterRate: 0 });
      const stats = sandbox.control.stats() as { faults: { serverError: number; dropBefore: number; dropAfter: number } };
      expect(stats.faults.dropAfter).toBeGreaterThan(5);
      expect(stats.faults.serverError).toBeGreaterThan(5);
      expectExactlyOnce(f.reminderCount, f.users.length);
      // A post stored but unanswered was found in the room, never posted again: reconciled.
      expect(outputs.flatMap((o) => o.recipients).filter((r) => r.how === 'reconciled').length).toBeGreaterThan(0);
      expect(outputs).toHaveLength(runs);
      // A further run sends nothing at all.
      const last = JSON.parse((await f.send()).stdout);
      expect(last.messages.delivered).toBe(0);
    });

    it('the host\'s clock 10 minutes ahead of Chatwork, with answers lost: every lost answer is found in the room, nothing is posted twice', async () => {
      const f = await setup();
      // Chatwork's send_time reads 10 minutes before the intents the host records.
      sandbox.control.setClockOffset(-10 * 60_000);
      sandbox.control.setFaults({ dropAfterRate: 0.3, postsOnly: true });
      await untilDone(f.send);
      sandbox.control.setFaults({ dropAfterRate: 0 });
      expect((sandbox.control.stats() as { faults: { dropAfter: number } }).faults.dropAfter).toBeGreaterThan(3);
      expectExactlyOnce(f.reminderCount, f.users.length);
    });

    it('429 bursts from a competing client: waits them out, loses nothing', async () => {
      const f = await setup();
      sandbox.control.setLimits({ rateLimit: { count: 100, windowMs: 5_000 } });
      const competitor = sandbox.control.mintToken().accessToken;
      // The competitor spends the whole window first: the CLI's first request meets a 429 for
      // certain (no race), then the competitor keeps taking from each window while the CLI sends.
      while ((await fetch(`${sandbox.apiUrl}/me`, { headers: { authorization: `Bearer ${competitor}` } })).status !== 429);
      let stop = false;
      const compete = (async () => {
        while (!stop) {
          await fetch(`${sandbox.apiUrl}/me`, { headers: { authorization: `Bearer ${competitor}` } });
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      })();
      const result = await f.send();
      stop = true;
      await compete;
      expect(result.code).toBe(ExitCode.ok);
      // The CLI's own count, from its summary: the competitor's 429s do not count.
      const summary = JSON.parse(result.stdout) as { client: { status429: number }; messages: { delivered: number; failed: number }; reminders: { delivered: number } };
      expect(summary.client.status429).toBeGreaterThan(0);
      // Each person's reminders go as one digest: one message each, carrying every reminder.
      expect(summary.messages).toMatchObject({ delivered: f.users.length, failed: 0 });
      expect(summary.reminders.delivered).toBe(f.users.length * f.reminderCount);
      expectExactlyOnce(f.reminderCount, f.users.length);
    });

    it('refreshes the token mid-run: ahead of expiry, and after a 401', async () => {
      // Both on events, not timers: at the 5th post the CLI's clock moves 3 s on, so its 122 s
      // token is inside the 120 s refresh-ahead window; at the 20th every token expires at the
      // sandbox before that post is served, so it meets a 401 and must refresh and retry.
      const gate = createPostGate();
      const expiring = await startSandbox({ seed: 'empty', contacts: generatedContacts(40), accessTokenSeconds: 122, clock: gate });
      try {
        const login = await loggedInConfigDir(expiring);
        const users = await linkAllContacts(expiring, login.configDir);
        const file = join(login.configDir, 'r.json');
        writeFileSync(file, JSON.stringify([{ id: 'r1', type: 'survey', to: users, title: 'サーベイ 1' }]));
        expiring.control.setFaults({ latencyMs: 1, postsOnly: true });
        const clock = clockAt(new Date().toISOString());
        gate.onPost(5, () => clock.jump(new Date(Date.now() + 3_000).toISOString()));
        gate.onPost(20, () => expiring.control.expireAccessTokens());
        const result = await runCli([...login.args, '--verbose', 'send-reminders', '--input', file], { env: login.env, clock });
        expect(result.code, result.stderr).toBe(ExitCode.ok);
        expect(gate.seen).toBeGreaterThan(users.length);
        expect(result.stderr.match(/POST token \(refresh_token\) -> 200/g)!.length).toBeGreaterThanOrEqual(2);
        expect(result.stderr).toMatch(/POST \/rooms\/\d+\/messages -> 401/);
        const inbox = dmInbox(expiring);
        expect(inbox.size).toBe(users.length);
        for (const bodies of inbox.values()) expect(bodies).toHaveLength(1);
      } finally {
        await expiring.stop();
      }
    }, 120_000);
  });

  describe('crash safety', () => {
    it('SIGKILL after the k-th post (random k), then rerun, many times: zero duplicates, zero lost', async () => {
      const f = await setup(3);
      sandbox.control.setFaults({ latencyMs: 1, postsOnly: true, dropAfterRate: 0.05 });
      const random = seededRandom(7);
      let killedMidRun = 0;
      for (let round = 0; round < 12; round++) {
        // Killed on an event, not a wall-clock time: with its (k+1)-th post held on the wire.
        const k = 1 + Math.floor(random() * 12);
        const held = postGate.holdAfter(k);
        const child = spawn(process.execPath, [BIN, ...f.args, 'send-reminders', '--input', f.file], {
          env: { ...process.env, ...f.env, LANG: 'C' }, stdio: 'ignore',
        });
        const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
        if (await Promise.race([held.then(() => true), exited.then(() => false)])) child.kill('SIGKILL');
        const [code, signal] = await exited;
        postGate.release();
        if (signal === 'SIGKILL') killedMidRun += 1;
        if (code === ExitCode.ok) break;
      }
      expect(killedMidRun).toBeGreaterThanOrEqual(5);
      const delivered = [...dmInbox(sandbox).values()].reduce((n, bodies) => n + bodies.length, 0);
      expect(delivered).toBeGreaterThan(0);
      sandbox.control.setFaults({ latencyMs: 0, dropAfterRate: 0 });
      await untilDone(f.send);
      expectExactlyOnce(f.reminderCount, f.users.length);
      // One digest per person, listing each of their reminders once.
      const total = [...dmInbox(sandbox).values()].reduce((n, bodies) => n + bodies.length, 0);
      expect(total).toBe(f.users.length);
    }, 120_000);
  });
  }
});
