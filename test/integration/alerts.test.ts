import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { BACKENDS, hrRoomId, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

// The real CLI against the sandbox: a run that fails posts one alert in the admins' group chat,
// once per cause; the demo seed's HR room (the account is its admin) is the alert room.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'demo' }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

async function setup(backend: Backend = 'sqlite') {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
  const hr = hrRoomId(sandbox);
  const operator = sandbox.control.state.operatorId;
  /** The alerts (the account's posts) in the HR room so far. */
  const alerts = () => sandbox.control.rooms().find((r) => r.room_id === hr)!.messages.filter((m) => m.account.account_id === operator).map((m) => m.body);
  const accountOf = (userId: string) => Number(userId.slice(1));
  const dmRoom = (userId: string) => sandbox.control.rooms().find((r) => r.type === 'direct' && r.members.some((m) => m.account_id === accountOf(userId)))!.room_id;
  /** The account may only read in this person's direct chat: every post to them fails (403). */
  const block = (userId: string, blocked = true) => sandbox.control.setRole(dmRoom(userId), blocked ? 'readonly' : 'admin');
  let n = 0;
  const send = async (reminders: { id: string; to: string[] }[]) => {
    const file = join(login.configDir, `reminders-${++n}.json`);
    writeFileSync(file, JSON.stringify(reminders.map((r) => ({ ...r, type: 'survey', title: `サーベイ ${r.id}`, due: '2026-12-04' }))));
    return cli(['send-reminders', '--input', file]);
  };
  return { ...login, users, cli, hr, alerts, block, send };
}

describe.each(BACKENDS)('alerts on %s', (backend) => {
  if (backend === 'postgres' && !postgres.available) it.skip(`PostgreSQL: ${postgres.reason}`, () => {});
  else {
    it('one alert per cause: a failure alerts, the same again does not, a different one does, a cleared one that returns does, a clean run does not', async () => {
      const f = await setup(backend);
      const [a, b, c] = f.users as [string, string, string];
      expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
      f.block(a);
      const first = await f.send([{ id: 'r1', to: [a, b, c] }]);
      expect(first.code).toBe(ExitCode.partial);
      expect(f.alerts()).toHaveLength(1);
      expect(f.alerts()[0]).toContain('送信に失敗しました（1人）');
      expect(f.alerts()[0]).toContain(`（${a}）`);
      expect(first.stderr).toContain(`Posted an alert to group chat ${f.hr}.`);

      // The same failure (r1 to a is tried again and fails again): nothing new to say.
      expect((await f.send([{ id: 'r1', to: [a, b, c] }])).code).toBe(ExitCode.partial);
      expect(f.alerts()).toHaveLength(1);

      // a is reachable again, b is not: a different cause.
      f.block(a, false);
      f.block(b);
      expect((await f.send([{ id: 'r1', to: [a, b, c] }, { id: 'r2', to: [b] }])).code).toBe(ExitCode.partial);
      expect(f.alerts()).toHaveLength(2);
      expect(f.alerts()[1]).toContain(`（${b}）`);
      expect(f.alerts()[1]).not.toContain(`（${a}）`);

      // Cleared: b gets r2, nothing fails, nothing is posted.
      f.block(b, false);
      expect((await f.send([{ id: 'r2', to: [b] }])).code).toBe(ExitCode.ok);
      expect(f.alerts()).toHaveLength(2);

      // The same cause comes back: it was forgotten when it cleared, so it is told again.
      f.block(b);
      expect((await f.send([{ id: 'r3', to: [b] }])).code).toBe(ExitCode.partial);
      expect(f.alerts()).toHaveLength(3);

      // All well: nothing is posted, and nothing is remembered.
      f.block(b, false);
      expect((await f.send([{ id: 'r3', to: [b] }, { id: 'r4', to: [a, b, c] }])).code).toBe(ExitCode.ok);
      expect(f.alerts()).toHaveLength(3);
      expect(await withStore(f.configDir, async (store) => (await store.config.get()).alertMemory, f.env)).toBeUndefined();
    });
  }
});

describe('alerts (sqlite)', () => {
  it('a clean run with alerts set posts nothing; with alerts off a failing run posts nothing', async () => {
    const f = await setup();
    const [a, b] = f.users as [string, string];
    expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
    expect((await f.send([{ id: 'r1', to: [a, b] }])).code).toBe(ExitCode.ok);
    expect(f.alerts()).toHaveLength(0);
    expect((await f.cli(['alerts', 'off'])).code).toBe(0);
    expect(JSON.parse((await f.cli(['alerts', '--json'])).stdout)).toEqual({ alerts: null });
    f.block(a);
    expect((await f.send([{ id: 'r2', to: [a, b] }])).code).toBe(ExitCode.partial);
    expect(f.alerts()).toHaveLength(0);
  });

  it('someone reached by the last run and not by this one is told once, with doctor\'s remedy', async () => {
    const f = await setup();
    const [a, b] = f.users as [string, string];
    expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
    expect((await f.send([{ id: 'r1', to: [a, b] }])).code).toBe(ExitCode.ok);
    sandbox.control.removeContact(Number(a.slice(1)));
    await f.send([{ id: 'r2', to: [a, b] }]);
    expect(f.alerts()).toHaveLength(1);
    expect(f.alerts()[0]).toContain('前回の実行では送信できた1人に、今回は送信できませんでした。');
    expect(f.alerts()[0]).toContain(`（${a}）`);
    expect(f.alerts()[0]).toContain(`himanager-chatwork unlink ${a}`);
    // Not reached by the previous run either: a standing condition, not news.
    await f.send([{ id: 'r3', to: [a, b] }]);
    expect(f.alerts()).toHaveLength(1);
  });

  it('a group chat that is gone is told with the remedy doctor gives, its people not again as failures', async () => {
    const f = await setup();
    const everyone = sandbox.control.rooms().find((r) => r.name === '全社連絡')!;
    const member = f.users.find((u) => everyone.members.some((m) => m.account_id === Number(u.slice(1))))!;
    expect((await f.cli(['destinations', 'set', 'survey', `room:${everyone.room_id}`])).code).toBe(0);
    expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
    sandbox.control.setMember(everyone.room_id, sandbox.control.state.operatorId, undefined);
    expect((await f.send([{ id: 'r1', to: [member] }])).code).toBe(ExitCode.partial);
    expect(f.alerts()).toHaveLength(1);
    expect(f.alerts()[0]).toContain(`サーベイの送信先のグループチャット（ルームID: ${everyone.room_id}）が存在しないか`);
    expect(f.alerts()[0]).toContain('himanager-chatwork destinations set survey');
    expect(f.alerts()[0]).not.toContain('送信に失敗しました');
  });

  it('a hostile name in an alert takes no effect as notation', async () => {
    const f = await setup();
    const [a] = f.users as [string];
    await withStore(f.configDir, async (store) => {
      const all = await store.users.all();
      await store.users.replaceAll(all.map((u) => (u.id === a ? { ...u, name: '[toall][To:1]悪意[info]x[/info]' } : u)));
    }, f.env);
    expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
    f.block(a);
    await f.send([{ id: 'r1', to: [a] }]);
    const [alert] = f.alerts();
    expect(alert).toContain('［toall］［To:1］悪意［info］x［/info］');
    expect(alert!.match(/\[[^\]]*\]/g)).toEqual(['[info]', '[title]', '[/title]', '[/info]']);
  });

  it('a run whose login is broken (exit 4) posts no alert', async () => {
    const f = await setup();
    const [a] = f.users as [string];
    expect((await f.cli(['alerts', 'set', `room:${f.hr}`])).code).toBe(0);
    f.block(a);
    sandbox.control.revokeGrants();
    const result = await f.send([{ id: 'r1', to: [a] }]);
    expect(result.code).toBe(ExitCode.auth);
    expect(f.alerts()).toHaveLength(0);
    // Not even tried: a try would have failed and said so.
    expect(result.stderr).not.toContain('alert');
  });

  it('alerts set refuses a room it cannot post in (exit 2, naming it) and stores nothing', async () => {
    const f = await setup();
    const readonly = sandbox.control.rooms().find((r) => r.name === '経営会議')!.room_id;
    const direct = sandbox.control.rooms().find((r) => r.type === 'direct')!.room_id;
    for (const [argument, named] of [['room:999999999', '999999999'], [`room:${readonly}`, String(readonly)], [String(direct), String(direct)], ['dm', 'dm'], ['no such room', 'no such room']]) {
      const result = await f.cli(['alerts', 'set', argument!]);
      expect(result.code, argument).toBe(ExitCode.usage);
      expect(result.stderr, argument).toContain(named);
    }
    expect(JSON.parse((await f.cli(['alerts', '--json'])).stdout)).toEqual({ alerts: null });
    expect(await withStore(f.configDir, async (store) => (await store.config.get()).alerts, f.env)).toBeUndefined();
    // And by name, as destinations takes it.
    const set = await f.cli(['alerts', 'set', '人事部 HiManager通知', '--json']);
    expect(JSON.parse(set.stdout)).toEqual({ alerts: { room: `room:${f.hr}`, roomId: f.hr, name: '人事部 HiManager通知' } });
  });
});
