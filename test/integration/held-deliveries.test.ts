import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { withStore } from '../helpers/state.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/**
 * A delivery held for the send window keeps its body and its direct chat. When the link, the
 * destination or the person changes before it goes out, it is withdrawn (a history line, in
 * words), never posted into the old chat; a withdrawal is not a recall, so the pair goes out
 * once to the right account after it is linked.
 */

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(6) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const EVENING = '2026-11-25T20:00:00+09:00';
const MORNING = '2026-11-26T09:05:00+09:00';
const LATER = '2026-11-26T10:00:00+09:00';
const accountOf = (userId: string) => Number(userId.slice(1));
const received = (accountId: number) => (dmInbox(sandbox).get(accountId) ?? []).filter((body) => body.includes('サーベイ 1')).length;

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  await withStore(login.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users, title: 'サーベイ 1' }]));
  const cli = (args: string[], at = LATER) => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  /** Exit 3 when the input names someone the last run reached who cannot be reached now (unlinked, no longer a contact). */
  const send = async (at: string, code: number = ExitCode.ok) => {
    const result = await cli(['send-reminders', '--input', file, '--json'], at);
    expect(result.code, result.stderr).toBe(code);
    return { ...JSON.parse(result.stdout), stderr: result.stderr } as { messages: { delivered: number; deferred: number }; stderr: string };
  };
  const withdrawn = async () => (await cli(['history', '--status', 'withdrawn', '--json'])).stdout.trim().split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { reminderId: string; userId: string; reason: string; status: string });
  const evening = await send(EVENING);
  expect(evening.messages.deferred).toBe(users.length);
  return { ...login, users, cli, send, withdrawn };
}

describe.each(BACKENDS)('held deliveries on %s', (backend) => {
  it('unlink withdraws what was held for the user at once, with a history line; relinked to the same account, it goes out once', async () => {
    const f = await setup(backend);
    const [gone] = f.users;
    const unlinked = await f.cli(['unlink', gone!]);
    expect(unlinked.code).toBe(0);
    expect(unlinked.stderr).toContain('Withdrew 1 held deliveries');
    expect(await f.withdrawn()).toEqual([expect.objectContaining({ reminderId: 's1', userId: gone, status: 'withdrawn', reason: 'withdrawn-unlinked' })]);
    const words = await f.cli(['--lang', 'ja', 'history', '--status', 'withdrawn']);
    expect(words.stdout).toContain('送信前に取り下げ（紐付けが解除されたため）');

    const morning = await f.send(MORNING, ExitCode.partial);
    expect(morning.messages.delivered).toBe(f.users.length - 1);
    expect(received(accountOf(gone!))).toBe(0);
    // Still unlinked: the withdrawal stays the pair's history line, not "not linked".
    expect(await f.withdrawn()).toHaveLength(1);

    const relinked = await f.cli(['link', gone!, String(accountOf(gone!))]);
    expect(relinked.code, relinked.stderr).toBe(0);
    expect((await f.send(LATER)).messages.delivered).toBe(1);
    expect((await f.send(LATER)).messages.delivered).toBe(0);
    for (const user of f.users) expect(received(accountOf(user)), user).toBe(1);
    expect(await f.withdrawn()).toEqual([]);
  });

  it('a link changed behind the CLI\'s back is caught when the held delivery goes out: nothing to the old chat, the right account gets it once', async () => {
    const f = await setup(backend);
    const [impostorLinked, other] = f.users as [string, string];
    // The user was linked to the wrong account: the admin corrects it (here straight in the store, so only the run can notice).
    await withStore(f.configDir, async (store) => {
      await store.links.remove([impostorLinked, other]);
      await store.links.set(new Map([[impostorLinked, { accountId: accountOf(other), source: 'manual', linkedAt: '2026-11-25T21:00:00Z' }]]));
    });
    const morning = await f.send(MORNING, ExitCode.partial);
    expect(morning.stderr).toContain('Withdrew 2 held deliveries');
    expect(received(accountOf(impostorLinked))).toBe(0);
    // Planned again in the same run, for the account linked now: once.
    expect(received(accountOf(other))).toBe(1);
    expect(morning.messages.delivered).toBe(f.users.length - 1);
    expect((await f.withdrawn()).map((row) => `${row.userId}:${row.reason}`).sort()).toEqual([`${other}:withdrawn-unlinked`]);
    // The unlinked person was news once (exit 3 above); now a standing skip, reported, exit 0.
    expect((await f.send(LATER)).messages.delivered).toBe(0);
    expect(received(accountOf(other))).toBe(1);
  });

  it('destinations set off withdraws every held delivery of the type at once; set back, they go out once', async () => {
    const f = await setup(backend);
    const off = await f.cli(['destinations', 'set', 'survey', 'off']);
    expect(off.code).toBe(0);
    expect(off.stderr).toContain(`Withdrew ${f.users.length} held deliveries`);
    expect((await f.withdrawn()).every((row) => row.reason === 'withdrawn-destination-off')).toBe(true);
    expect(await f.withdrawn()).toHaveLength(f.users.length);
    expect((await f.send(MORNING)).messages.delivered).toBe(0);
    for (const user of f.users) expect(received(accountOf(user))).toBe(0);

    const back = JSON.parse((await f.cli(['destinations', 'set', 'survey', 'dm', '--json'])).stdout);
    expect(back.withdrawn).toBe(0);
    expect((await f.send(LATER)).messages.delivered).toBe(f.users.length);
    expect((await f.send(LATER)).messages.delivered).toBe(0);
    for (const user of f.users) expect(received(accountOf(user))).toBe(1);
  });

  it('a destination turned off, or a user removed from the list, behind the CLI\'s back: the run withdraws instead of posting', async () => {
    const f = await setup(backend);
    const [removed, ...kept] = f.users as [string, ...string[]];
    await withStore(f.configDir, async (store) => {
      await store.users.replaceAll((await store.users.all()).filter((user) => user.id !== removed));
    });
    // Someone gone from the user list (retired) is never a new skip: reported, exit 0.
    const morning = await f.send(MORNING);
    expect(received(accountOf(removed))).toBe(0);
    expect(morning.messages.delivered).toBe(kept.length);
    expect(await f.withdrawn()).toEqual([expect.objectContaining({ userId: removed, reason: 'withdrawn-user-removed' })]);

    const f2 = await setup(backend);
    await withStore(f2.configDir, (store) => store.destinations.set('survey', 'off'));
    const second = await f2.send(MORNING);
    expect(second.messages.delivered).toBe(0);
    expect(second.stderr).toContain(`Withdrew ${f2.users.length} held deliveries`);
    expect(await f2.withdrawn()).toHaveLength(f2.users.length);
  });
});
