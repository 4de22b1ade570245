import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

/**
 * Stop when answered, the tasks: a survey delivered as a Chatwork task is marked done once its
 * person drops out of the input; a close Chatwork refuses is reported once and not tried again;
 * more than 30 % vanishing at once leaves the tasks open until --confirm-answered.
 */
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(9) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

interface Run { answered: { answered: number; tasks: { closed: number; refused: number }; held: { reminderId: string }[] } }

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  await withStore(login.configDir, (store) => store.config.update((s) => { s.deliverAs = { survey: 'task' }; }));
  const file = join(login.configDir, 'reminders.json');
  const input = (to: string[]) => writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to, title: '12月のサーベイ', due: '2026-12-11' }]));
  const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
  const send = async (args: string[] = []) => {
    const result = await cli(['send-reminders', '--input', file, '--json', ...args]);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    return { ...(JSON.parse(result.stdout) as Run), stderr: result.stderr };
  };
  input(users);
  await send();
  return { ...login, users, input, cli, send };
}

/** Each person's survey task in their direct chat, by user id: its status. */
function taskStatus(): Map<string, string> {
  const status = new Map<string, string>();
  for (const room of sandbox.control.rooms()) for (const task of room.tasks) status.set(`P${task.account.account_id}`, task.status);
  return status;
}

const history = async (cli: (args: string[]) => Promise<{ stdout: string }>) => (await cli(['history', '--json'])).stdout.trim().split('\n').filter(Boolean)
  .map((line) => JSON.parse(line) as { userId: string; reason?: string; status: string });

describe.each(BACKENDS)('tasks closed on answer, on %s', (backend) => {
  if (backend === 'postgres' && !postgres.available) { it.skip(`PostgreSQL: ${postgres.reason}`, () => {}); return; }

  it('marks the task of someone who answered done, and only theirs; the history says so', async () => {
    const f = await setup(backend);
    expect([...taskStatus().values()].every((s) => s === 'open')).toBe(true);
    expect(taskStatus().size).toBe(f.users.length);
    const [answered, ...rest] = f.users as [string, ...string[]];
    f.input(rest);
    const run = await f.send();
    expect(run.answered).toMatchObject({ answered: 1, tasks: { closed: 1, refused: 0 }, held: [] });
    expect(run.stderr).toContain('Marked 1 tasks done');
    const status = taskStatus();
    expect(status.get(answered)).toBe('done');
    for (const user of rest) expect(status.get(user)).toBe('open');
    expect((await history(f.cli)).filter((row) => row.reason === 'task-closed').map((row) => row.userId)).toEqual([answered]);
    // Seen once: the next run of the same input closes nothing more.
    expect((await f.send()).answered.tasks.closed).toBe(0);
  });

  it('a close Chatwork refuses is reported once, recorded, and never tried again', async () => {
    const f = await setup(backend);
    sandbox.control.setFaults({ refuseOwnTaskClose: true });
    const [answered, ...rest] = f.users as [string, ...string[]];
    f.input(rest);
    const run = await f.send();
    expect(run.answered.tasks).toMatchObject({ closed: 0, refused: 1 });
    expect(run.stderr).toContain('did not let 1 tasks be marked done');
    expect(taskStatus().get(answered)).toBe('open');
    const refusals = () => (sandbox.control.stats() as { taskCloseRefused?: number }).taskCloseRefused ?? 0;
    expect(refusals()).toBe(1);
    const again = await f.send();
    expect(again.stderr).not.toContain('did not let');
    expect(refusals()).toBe(1);
    expect((await history(f.cli)).filter((row) => row.reason === 'task-close-refused').map((row) => row.userId)).toEqual([answered]);
  });

  it('more than 30 % gone at once: tasks stay open, the run and doctor warn, until --confirm-answered closes them', async () => {
    const f = await setup(backend);
    const gone = f.users.slice(0, 4);
    f.input(f.users.slice(4));
    const run = await f.send();
    expect(run.answered).toMatchObject({ answered: 4, tasks: { closed: 0 }, held: [{ reminderId: 's1' }] });
    expect(run.stderr).toContain(`4 of ${f.users.length} pending people`);
    for (const user of gone) expect(taskStatus().get(user)).toBe('open');
    const doctor = await f.cli(['doctor', '--json']);
    expect(doctor.stdout).toContain('answered-holds');
    // Still held on the next run of the same input: nothing closes without the admin's word.
    expect((await f.send()).answered).toMatchObject({ tasks: { closed: 0 }, held: [{ reminderId: 's1' }] });
    const confirmed = await f.send(['--confirm-answered']);
    expect(confirmed.answered).toMatchObject({ tasks: { closed: 4 }, held: [] });
    for (const user of gone) expect(taskStatus().get(user)).toBe('done');
    for (const user of f.users.slice(4)) expect(taskStatus().get(user)).toBe('open');
    expect((await f.cli(['doctor', '--json'])).stdout).not.toContain('answered-holds');
  });
});
