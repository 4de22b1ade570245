import { writeFileSync } from 'node:fs';
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

/**
 * PostgreSQL sessions of a running send-reminders killed under it (pg_terminate_backend, as a
 * lock-session kill, a pooler restart or a failover does), by events: with its posts held on the
 * wire. The run never crashes on an unhandled 'error' event or a raw driver error (exit 1 with a
 * stack): it exits 5 when its lock session is gone, and finishes when only its pool's were.
 */
const gate = createGatedClock();
let released = 0;
const held = () => gate.sleeps.length - released;
const letThrough = () => { released = gate.sleeps.length; gate.elapse(); };
let sandbox: Sandbox;
beforeAll(async () => { if (postgres.available) sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(16), randomSeed: 11, clock: gate }); });
afterAll(async () => { await sandbox?.stop(); });
beforeEach(() => { sandbox?.control.reset(); letThrough(); });

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; !await condition(); waited += 10) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Ends the sessions of this database that `which` picks (never the asking one), and says how many. */
async function terminate(url: string, which: 'lock' | 'pool' | 'every'): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const lockHolders = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    const where = {
      lock: `pid IN (${lockHolders})`,
      pool: `pid NOT IN (${lockHolders})`,
      every: 'true',
    }[which];
    const rows = (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()
      AND application_name = 'himanager-chatwork' AND pid <> pg_backend_pid() AND ${where}`)).rows;
    for (const { pid } of rows) await client.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  } finally {
    await client.end();
  }
}

async function setup() {
  const login = await loggedInConfigDir(sandbox, 'postgres');
  const users = await linkAllContacts(sandbox, login.configDir);
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 'killed-1', type: 'survey', to: users, title: 'セッション切断試験' }]));
  const env = { ...login.env, LANG: 'C', [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
  const args = [...login.args, 'send-reminders', '--input', file];
  return { users, env, url: String(login.env.HIMANAGER_CHATWORK_STATE), start: () => startBin(args, { env, timeoutMs: 90_000 }), rerun: () => runBin(args, { env, timeoutMs: 90_000 }) };
}

function expectNoCrash(result: { code: number; stderr: string }) {
  expect(result.stderr).not.toMatch(/Unhandled 'error' event|unexpected error|^\s+at /m);
  expect(result.stderr).not.toMatch(/ECONNRESET|Connection terminated/);
}
function expectOncePerPerson(users: string[]) {
  const inbox = dmInbox(sandbox);
  const counts = users.map((id) => (inbox.get(Number(id.slice(1))) ?? []).filter((b) => b.includes('セッション切断試験')).length);
  expect(counts).toEqual(users.map(() => 1));
}

describe.skipIf(!postgres.available)(`PostgreSQL sessions killed mid-run${postgres.available ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  for (const which of ['lock', 'pool', 'every'] as const) {
    const expected = which === 'pool' ? 'finishes (exit 0)' : 'stops before its next post and exits 5';
    it(`${which === 'every' ? 'every session of the run' : `its ${which} session(s)`} killed with four posts on the wire: ${expected}; a rerun delivers the rest once`, async () => {
      const { users, url, start, rerun } = await setup();
      sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
      const run = start();
      await until(() => held() === 4, 'four posts on the wire');
      letThrough();
      await until(() => held() === 4, 'four more posts on the wire');
      expect(await terminate(url, which)).toBeGreaterThan(0);
      sandbox.control.setFaults({ latencyMs: 0 });
      letThrough();
      const result = await run.result;
      expectNoCrash(result);
      if (which === 'pool') expect(result.code, result.stderr).toBe(ExitCode.ok);
      else {
        expect(result.code, result.stderr).toBe(ExitCode.locked);
        expect(result.stderr).toContain('closed by the database');
      }
      const again = await rerun();
      expectNoCrash(again);
      expect(again.code, again.stderr).toBe(ExitCode.ok);
      expectOncePerPerson(users);
    }, 90_000);
  }

  it('its writing transaction killed while open (waiting for the writers\' lock): run again on a fresh connection; the run finishes (exit 0), nobody twice', async () => {
    const { users, url, start } = await setup();
    sandbox.control.setFaults({ latencyMs: 1, postsOnly: true });
    const run = start();
    await until(() => held() === 4, 'four posts on the wire');
    // The test holds the writers' lock: the run's next intent waits inside its open transaction.
    const writer = new pg.Client({ connectionString: url });
    writer.on('error', () => {});
    await writer.connect();
    await writer.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_KEYS.stateWrites})`);
    const waiting = async () => (await writer.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND objid = $1::bigint::oid`,
    [Number(LOCK_KEYS.stateWrites & 0xffffffffn)])).rows.map((row) => row.pid);
    try {
      letThrough();
      await until(async () => (await waiting()).length > 0, 'an intent transaction waiting for the writers\' lock');
      const first = await waiting();
      for (const pid of first) await writer.query('SELECT pg_terminate_backend($1)', [pid]);
      // Tried again on a fresh session, which waits in its turn.
      await until(async () => (await waiting()).some((pid) => !first.includes(pid)), 'the transaction to be tried again');
      await writer.query('COMMIT');
    } finally {
      await writer.end();
    }
    sandbox.control.setFaults({ latencyMs: 0 });
    letThrough();
    const result = await run.result;
    expectNoCrash(result);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    expectOncePerPerson(users);
  }, 90_000);
});
