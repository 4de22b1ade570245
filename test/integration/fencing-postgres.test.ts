import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { LOCK_KEYS } from '../../src/store/postgres/database.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { createGatedClock } from '../helpers/gated-clock.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { runBin, startBin } from '../helpers/run-cli.js';

// Two hosts on one PostgreSQL, and the faults that take the lock from a run while it sends:
// its lock session killed with posts on the wire, and a holder that falls silent (a lost node).
const gate = createGatedClock();
let released = 0;
const held = () => gate.sleeps.length - released;
const letThrough = () => { released = gate.sleeps.length; gate.elapse(); };
let sandbox: Sandbox;
beforeAll(async () => { if (postgres.available) sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(20), randomSeed: 5, clock: gate }); });
afterAll(async () => { await sandbox?.stop(); });
beforeEach(() => { sandbox?.control.reset(); letThrough(); });

const posts = () => (sandbox.control.stats() as { posts: number }).posts;
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; !await condition(); waited += 10) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The backend holding the send-reminders advisory lock in the store's database, if any. */
async function lockSession(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1`,
    [Number(LOCK_KEYS.sendReminders >> 32n), Number(LOCK_KEYS.sendReminders & 0xffffffffn)])).rows;
    return rows[0]?.pid;
  } finally {
    await client.end();
  }
}
async function terminate(url: string, pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await client.end();
  }
}

async function twoHosts(timings: string) {
  const a = await loggedInConfigDir(sandbox, 'postgres');
  const users = await linkAllContacts(sandbox, a.configDir);
  const file = join(a.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 'fence-1', type: 'survey', to: users, title: 'フェンシング試験' }]));
  const env = { ...a.env, LANG: 'C', [FENCE_TIMINGS_ENV]: timings };
  const bDir = mkdtempSync(join(tmpdir(), 'hmcw-host-b-'));
  const unlockEnv = env;
  const send = (dir: string) => startBin(['--config-dir', dir, '--verbose', 'send-reminders', '--input', file], { env, timeoutMs: 90_000 });
  return { aDir: a.configDir, bDir, users, send, env: unlockEnv, url: String(a.env.HIMANAGER_CHATWORK_STATE) };
}

function expectOncePerPerson(users: string[]) {
  const inbox = dmInbox(sandbox);
  for (const [account, bodies] of inbox) expect(bodies.filter((b) => b.includes('フェンシング試験')), `account ${account}`).toHaveLength(1);
  expect([...inbox.values()].filter((bodies) => bodies.length === 1)).toHaveLength(users.length);
}
const postLines = (stderr: string) => stderr.split('\n').filter((line) => /POST \/rooms\/\d+\/messages -> /.test(line)).length;

describe.skipIf(!postgres.available)(`fencing on PostgreSQL${postgres.available ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  it('the lock session killed with four posts on the wire: the old holder posts nothing more and exits 5; the new holder waits for them, reconciles them, and posts nothing twice', async () => {
    const { bDir, aDir, users, send, url } = await twoHosts('postTimeoutMs=10000,marginMs=3000');
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const a = send(aDir);
    // Two rounds through, then four posts held on the wire.
    for (let round = 0; ; round++) {
      await until(() => held() === 4, 'four posts on the wire');
      if (round === 2) break;
      letThrough();
    }
    const before = posts();
    await terminate(url, (await lockSession(url))!);
    const b = send(bDir);
    // B holds the lock now and waits for A's posts on the wire: they land during its wait.
    await until(() => b.stderr().includes('waiting'), 'the new holder to wait for the posts in flight');
    expect(held()).toBe(4);
    sandbox.control.setFaults({ latencyMs: 0 });
    letThrough();
    const [first, second] = await Promise.all([a.result, b.result]);
    expect(first.code, first.stderr).toBe(ExitCode.locked);
    expect(first.stderr).toContain(`pid ${b.child.pid}`);
    expect(second.code, second.stderr).toBe(0);
    // A's only posts after the kill are the four that were on the wire then.
    expect(postLines(first.stderr)).toBe(before + 4);
    expect(posts()).toBe(users.length);
    expect(second.stderr).not.toMatch(/ambiguous/);
    expectOncePerPerson(users);
  }, 90_000);

  it('state unlock names the live holder and refuses; --force --yes ends its lock session and fences it: it posts nothing more and exits 5', async () => {
    const { bDir, aDir, users, send, url, env } = await twoHosts('postTimeoutMs=4000,marginMs=1000');
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const a = send(aDir);
    await until(() => held() === 4, 'four posts on the wire');
    const unlock = (more: string[]) => runBin(['--config-dir', bDir, 'state', 'unlock', ...more], { env });
    const refused = await unlock([]);
    expect(refused.code).toBe(ExitCode.locked);
    expect(refused.stderr).toContain(`pid ${a.child.pid}`);
    const forced = await unlock(['--force', '--yes']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`pid ${a.child.pid}`);
    await until(async () => await lockSession(url) === undefined, 'the holder\'s lock session to end');
    const before = posts();
    sandbox.control.setFaults({ latencyMs: 0 });
    letThrough();
    const first = await a.result;
    expect(first.code, first.stderr).toBe(ExitCode.locked);
    expect(posts()).toBe(before + 4);
    const b = await send(bDir).result;
    expect(b.code, b.stderr).toBe(0);
    expectOncePerPerson(users);
  }, 90_000);

  it('a holder that falls silent (SIGSTOP) loses its lock after the session timeout; another host runs; the holder resumes, posts nothing and exits 5', async () => {
    const { bDir, aDir, users, send, url } = await twoHosts('postTimeoutMs=4000,marginMs=1000,pingMs=300,sessionTimeoutMs=2000');
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const a = send(aDir);
    await until(() => held() === 4, 'four posts on the wire');
    letThrough();
    await until(() => held() === 4, 'four more posts on the wire');
    a.child.kill('SIGSTOP');
    sandbox.control.setFaults({ latencyMs: 0 });
    letThrough();
    // The server ends the silent session: the lock is free without anyone unlocking it.
    await until(async () => await lockSession(url) === undefined, 'the server to end the silent lock session', 20_000);
    const b = await send(bDir).result;
    expect(b.code, b.stderr).toBe(0);
    const afterB = posts();
    a.child.kill('SIGCONT');
    const resumed = await a.result;
    expect(resumed.code, resumed.stderr).toBe(ExitCode.locked);
    expect(posts()).toBe(afterB);
    expect(afterB).toBe(users.length);
    expectOncePerPerson(users);
  }, 90_000);
});
