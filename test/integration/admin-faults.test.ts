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
import { withStore } from '../helpers/state.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';

// Tasks and recall keep the delivery's promise under crashes: no task created twice, no message deleted twice.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(40), randomSeed: 20261202 }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

let backend: Backend = 'sqlite';

async function setup(reminderCount: number, asTask: boolean) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  if (asTask) await withStore(login.configDir, (store) => store.config.update((c) => { c.deliverAs = { survey: 'task' }; }));
  const file = join(login.configDir, 'reminders.json');
  const reminders = Array.from({ length: reminderCount }, (_, i) => ({ id: `r${i + 1}`, type: 'survey', to: users, title: `サーベイ ${i + 1}`, due: '2026-12-04' }));
  writeFileSync(file, JSON.stringify(reminders));
  // A run killed with writes on the wire makes the next one wait out the POST timeout: shortened.
  const env = { ...login.env, [FENCE_TIMINGS_ENV]: 'postTimeoutMs=3000,marginMs=500' };
  const cli = (args: string[]) => runCli([...login.args, ...args], { env });
  return { ...login, env, users, file, cli };
}

type Stats = { taskPosts: number; deletes: number };
/** Answers lost after the change was made: each one had to be reconciled, not repeated. */
const lostAnswers = () => (sandbox.control.stats() as { faults: { dropAfter: number } }).faults.dropAfter;
const stat = (name: keyof Stats) => (sandbox.control.stats() as unknown as Stats)[name];

/**
 * Runs the CLI again and again, each run SIGKILLed once the sandbox has seen k more of `counter`
 * (an event, never a wall-clock time), until a run finishes. Returns how many were killed mid-run.
 */
async function killRepeatedly(args: string[], env: NodeJS.ProcessEnv, counter: keyof Stats, seed: number, rounds = 10): Promise<number> {
  const random = seededRandom(seed);
  let killed = 0;
  for (let round = 0; round < rounds; round++) {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, LANG: 'C' }, stdio: 'ignore' });
    const k = 1 + Math.floor(random() * 6);
    const start = stat(counter);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    const watch = setInterval(() => { if (stat(counter) >= start + k) child.kill('SIGKILL'); }, 2);
    const [code, signal] = await exited;
    clearInterval(watch);
    if (signal === 'SIGKILL') killed += 1;
    if (code === ExitCode.ok) break;
  }
  return killed;
}

describe.each(BACKENDS)('on %s', (which) => {
  beforeAll(() => { backend = which; });
  if (which === 'postgres' && !postgres.available) it.skip(`PostgreSQL: ${postgres.reason}`, () => {});
  else {
    it('tasks: SIGKILL after the k-th task post, rerun until done: every person has each task exactly once', async () => {
      const f = await setup(3, true);
      // A quarter of the answers lost: at 5 %, a run of some twenty posts lost none about a third of the time.
      sandbox.control.setFaults({ latencyMs: 30, postsOnly: true, dropAfterRate: 0.25 });
      const killed = await killRepeatedly([...f.args, 'send-reminders', '--input', f.file], f.env, 'taskPosts', 11);
      expect(killed).toBeGreaterThanOrEqual(3);
      expect(lostAnswers()).toBeGreaterThan(0);
      sandbox.control.setFaults({ latencyMs: 0, dropAfterRate: 0 });
      for (let run = 0; run < 10; run++) if ((await f.cli(['send-reminders', '--input', f.file])).code === ExitCode.ok) break;
      const tasks = sandbox.control.rooms().flatMap((room) => room.tasks);
      for (const account of f.users.map((u) => Number(u.slice(1)))) {
        for (let i = 1; i <= 3; i++) {
          const mine = tasks.filter((task) => task.account.account_id === account && task.body.includes(`「サーベイ ${i}」`));
          expect(mine, `account ${account}, r${i}`).toHaveLength(1);
        }
      }
      expect(stat('taskPosts' as keyof Stats)).toBe(f.users.length * 3);
      expect(tasks).toHaveLength(f.users.length * 3);
      // Delivered as tasks, not as messages.
      expect([...dmInbox(sandbox).values()].flat()).toEqual([]);
    }, 120_000);

    it('recall: SIGKILL after the k-th delete, rerun until done: every message of the reminder deleted once, none twice, the others kept', async () => {
      const f = await setup(2, false);
      // One message per reminder (no digest): recall deletes r1's and must keep r2's.
      expect((await f.cli(['send-reminders', '--input', f.file, '--no-digest'])).code).toBe(ExitCode.ok);
      const before = [...dmInbox(sandbox).values()].flat();
      expect(before).toHaveLength(f.users.length * 2);
      sandbox.control.setFaults({ latencyMs: 30, postsOnly: true, dropAfterRate: 0.25 });
      const killed = await killRepeatedly([...f.args, 'recall', '--reminder', 'r1', '--yes'], f.env, 'deletes', 12);
      expect(killed).toBeGreaterThanOrEqual(3);
      expect(lostAnswers()).toBeGreaterThan(0);
      sandbox.control.setFaults({ latencyMs: 0, dropAfterRate: 0 });
      for (let run = 0; run < 10; run++) if ((await f.cli(['recall', '--reminder', 'r1', '--yes'])).code === ExitCode.ok) break;
      const log = sandbox.control.state.deleteLog;
      // No DELETE ever met a message that was already deleted, and none was deleted twice.
      expect(log.filter((d) => d.result === 'gone')).toEqual([]);
      expect(new Set(log.map((d) => d.messageId)).size).toBe(log.length);
      expect(log).toHaveLength(f.users.length);
      const after = [...dmInbox(sandbox).values()].flat();
      expect(after.filter((b) => b.includes('「サーベイ 1」'))).toEqual([]);
      expect(after.filter((b) => b.includes('「サーベイ 2」'))).toHaveLength(f.users.length);
      // And r1 is never sent again.
      const rerun = JSON.parse((await f.cli(['send-reminders', '--input', f.file, '--json'])).stdout);
      expect(rerun.messages.delivered).toBe(0);
      const history = (await f.cli(['history', '--reminder', 'r1', '--status', 'recalled', '--json'])).stdout.trim().split('\n');
      expect(history).toHaveLength(f.users.length);
    }, 120_000);
  }
});
