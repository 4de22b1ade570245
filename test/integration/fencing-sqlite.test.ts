import { DatabaseSync } from 'node:sqlite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli, startBin } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { createGatedClock } from '../helpers/gated-clock.js';

// A run paused (SIGSTOP: Ctrl-Z, a laptop lid, a VM pause) far longer than the heartbeat
// window, on SQLite: it keeps its lock while it lives; taken from it by force, it is fenced.
let sandbox: Sandbox;
// Every post waits at the sandbox until the test lets it through: "the run has four posts on
// the wire and nothing else to do" is an event, not a moment guessed.
const gate = createGatedClock();
let released = 0;
const held = () => gate.sleeps.length - released;
const letThrough = () => { released = gate.sleeps.length; gate.elapse(); };
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(24), randomSeed: 11, clock: gate }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const posts = () => (sandbox.control.stats() as { posts: number }).posts;
async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const generation = (configDir: string) => {
  const db = new DatabaseSync(join(configDir, 'state.db'), { readOnly: true });
  try {
    return Number((db.prepare('SELECT generation FROM fencing WHERE id = 1').get() as { generation: number }).generation);
  } finally {
    db.close();
  }
};
/** Whether SQLite's write lock is free right now (no waiting). */
const writable = (configDir: string) => {
  const db = new DatabaseSync(join(configDir, 'state.db'), { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
};

describe('a paused run on SQLite', () => {
  it('keeps its lock however long it sleeps (a successor whose clock reads 10 minutes later is refused, and so is state unlock); --force fences it: it resumes, posts nothing and exits 5; everyone got one message', async () => {
    const { configDir, env: loginEnv, args } = await loggedInConfigDir(sandbox);
    const users = await linkAllContacts(sandbox, configDir);
    const file = join(configDir, 'reminders.json');
    writeFileSync(file, JSON.stringify([{ id: 'pause-1', type: 'survey', to: users, title: '一時停止試験' }]));
    const env = { ...loginEnv, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=8000,marginMs=2000', LANG: 'C' };
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });

    const a = startBin([...args, 'send-reminders', '--input', file], { env, timeoutMs: 120_000 });
    const k = 4;
    // Its four workers each have a post on the wire, k of them already through: it waits for
    // answers, and is paused there (not inside a write transaction, which would hold SQLite's
    // write lock, nor between a check and its post, which fencing cannot cover: see docs).
    for (;;) {
      await until(() => held() === 4, 'four posts on the wire');
      if (posts() >= k) break;
      letThrough();
    }
    a.child.kill('SIGSTOP');
    expect(writable(configDir)).toBe(true);
    // Its posts on the wire land while it sleeps.
    sandbox.control.setFaults({ latencyMs: 0 });
    letThrough();
    await until(() => posts() >= k + 4, 'the posts on the wire to land');
    const aPid = a.child.pid!;

    // Far past the heartbeat window, as a successor's clock sees it (a jump, or a long sleep).
    const later = clockAt(new Date(Date.now() + 10 * 60_000).toISOString());
    const cli = (more: string[]) => runCli([...args, ...more], { env, clock: later });
    const refused = await cli(['send-reminders', '--input', file]);
    expect(refused.code, refused.stderr).toBe(ExitCode.locked);
    expect(refused.stderr).toContain(`pid ${aPid}`);
    const unlock = await cli(['state', 'unlock']);
    expect(unlock.code).toBe(ExitCode.locked);
    expect(unlock.stderr).toContain(`pid ${aPid}`);
    expect(unlock.stderr).toContain('--force');
    // No terminal to confirm on: --force alone is refused, naming the pid, and changes nothing.
    const unconfirmed = await cli(['state', 'unlock', '--force']);
    expect(unconfirmed.code).toBe(ExitCode.usage);
    expect(unconfirmed.stderr).toContain(`pid ${aPid}`);
    const before = generation(configDir);
    const forced = await cli(['state', 'unlock', '--force', '--yes']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`pid ${aPid}`);
    expect(generation(configDir)).toBeGreaterThan(before);

    const b = await cli(['send-reminders', '--input', file]);
    expect(b.code, b.stderr).toBe(0);
    const afterB = posts();
    expect(afterB).toBeGreaterThan(k);

    a.child.kill('SIGCONT');
    const resumed = await a.result;
    expect(resumed.code, resumed.stderr).toBe(ExitCode.locked);
    expect(resumed.stderr).toMatch(/lost the send-reminders lock|cleared with "state unlock --force"/);
    // Not one post after it resumed: Chatwork received nothing more (what it had on the wire
    // when it stopped had landed long before B finished).
    expect(posts()).toBe(afterB);

    const inbox = dmInbox(sandbox);
    for (const [account, bodies] of inbox) expect(bodies.filter((body) => body.includes('一時停止試験')), `account ${account}`).toHaveLength(1);
    expect([...inbox.values()].filter((bodies) => bodies.length === 1)).toHaveLength(users.length);
    // The history agrees: one delivery per person, sent, with a message that is in their room.
    const db = new DatabaseSync(join(configDir, 'state.db'), { readOnly: true });
    try {
      const rows = db.prepare("SELECT p.user_id, d.status, d.message_id FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key WHERE p.reminder_id = 'pause-1'").all() as { status: string; message_id: string }[];
      expect(rows).toHaveLength(users.length);
      const ids = new Set(sandbox.control.rooms().flatMap((room) => room.messages.map((m) => String(m.message_id))));
      for (const row of rows) {
        expect(row.status).toBe('sent');
        expect(ids.has(row.message_id)).toBe(true);
      }
    } finally {
      db.close();
    }
  }, 120_000);
});
