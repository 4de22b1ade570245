import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli, startBin } from '../helpers/run-cli.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { beforeEnd, createPostGate } from '../helpers/post-gate.js';

let sandbox: Sandbox;
// Posts on the wire are held there by the test, for as long as it needs, not for a latency.
const gate = createPostGate();
beforeAll(async () => { sandbox = await startSandbox({ clock: gate }); });
afterAll(async () => { gate.release(); await sandbox.stop(); });
beforeEach(() => { gate.release(); sandbox.control.reset(); });

// A ceiling for a hung run on a loaded 2-core machine; no outcome depends on it.
const LOADED_MACHINE_CEILING_MS = 120_000;

const posted = () => [...dmInbox(sandbox).values()].reduce((sum, bodies) => sum + bodies.length, 0);

async function until(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every contact linked, and one survey reminder to all of them: one DM each. */
async function batch() {
  const { configDir, env, args } = await loggedInConfigDir(sandbox);
  const users = await linkAllContacts(sandbox, configDir);
  const file = join(configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 'sig-1', type: 'survey', to: users, title: 'シグナル試験' }]));
  // A run that ends with posts on the wire makes the next one wait out the POST timeout (posts
  // here take up to 3 s): shortened.
  return { env: { ...env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=5000,marginMs=500' }, args: [...args, 'send-reminders', '--input', file], users };
}

function expectExactlyOnce(users: string[]) {
  const inbox = dmInbox(sandbox);
  const counts = [...inbox.values()].map((bodies) => bodies.filter((b) => b.includes('シグナル試験')).length);
  expect(counts.filter((n) => n === 1)).toHaveLength(users.length);
  expect(counts.every((n) => n <= 1)).toBe(true);
}

describe('SIGTERM and Ctrl-C during send-reminders (a real process)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s while waiting out a spent rate budget: no post after the signal, exit 3 at once, the rest sent once by the next run', async (signal) => {
    const { env, args, users } = await batch();
    // 1 GET /contacts, 1 GET /me (who posts) and 5 posts, then a 5-minute wait for the budget.
    sandbox.control.setLimits({ rateLimit: { count: 7, windowMs: 300_000 } });
    const run = startBin(args, { env, timeoutMs: 100_000 });
    // Four workers, a budget of five posts: once the fifth is stored, the others are already waiting for the budget.
    await until(() => posted() === 5, 'the budget to be spent');
    const before = posted();
    run.child.kill(signal);
    const result = await run.result;
    // The test's own 100 s kill timer would give signal SIGTERM and code -1: the CLI exited on its own.
    expect(result.signal).toBeNull();
    expect(result.code).toBe(ExitCode.partial);
    expect(result.stderr).toContain('Stopping after the messages in flight');
    expect(posted()).toBe(before);
    sandbox.control.setLimits({ rateLimit: { count: 10_000, windowMs: 300_000 } });
    const rest = await runCli(args, { env });
    expect(rest.code).toBe(0);
    expectExactlyOnce(users);
  }, LOADED_MACHINE_CEILING_MS);

  it('a second Ctrl-C ends at once (130, as a shell reports a process killed by SIGINT), and the next run still sends exactly once', async () => {
    const { env, args, users } = await batch();
    // Posts after the first are held at the sandbox until the run has ended: the first Ctrl-C
    // waits for the ones on the wire, the second does not.
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const held = gate.holdAfter(1);
    const run = startBin(args, { env, timeoutMs: 100_000 });
    await beforeEnd(held, run.result, 'a post was on the wire');
    run.child.kill('SIGINT');
    await until(() => run.stderr().includes('Stopping after the messages in flight'), 'the first Ctrl-C to be taken');
    run.child.kill('SIGINT');
    const result = await run.result;
    gate.release();
    expect(result.signal === 'SIGINT' || result.code === 130, `signal ${result.signal}, exit ${result.code}`).toBe(true);
    sandbox.control.setFaults({ latencyMs: 0 });
    const rest = await runCli(args, { env });
    expect(rest.code).toBe(0);
    expectExactlyOnce(users);
  }, LOADED_MACHINE_CEILING_MS);

  it('signals at random points of a run with posts on the wire: every recipient gets exactly one DM in the end', async () => {
    const { env, args, users } = await batch();
    sandbox.control.setFaults({ latencyMs: 40, postsOnly: true });
    // A fixed seed, so a failure replays; SIGNAL_SEED=<n> tries another point (named in every message).
    const seed = Number(process.env.SIGNAL_SEED ?? 29) % 1000;
    const at = 1 + (seed % (users.length - 2));
    const run = startBin(args, { env, timeoutMs: 100_000 });
    await until(() => posted() >= at, `${at} posts (SIGNAL_SEED=${seed})`);
    run.child.kill('SIGTERM');
    const result = await run.result;
    expect(result.signal, `SIGNAL_SEED=${seed}`).toBeNull();
    expect([ExitCode.partial, ExitCode.ok], `SIGNAL_SEED=${seed}`).toContain(result.code);
    sandbox.control.setFaults({ latencyMs: 0 });
    expect((await runCli(args, { env })).code, `SIGNAL_SEED=${seed}`).toBe(0);
    expectExactlyOnce(users);
  }, LOADED_MACHINE_CEILING_MS);
});
