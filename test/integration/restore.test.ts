import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { withStore } from '../helpers/state.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(6), randomSeed: 23 }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

/** A logged-in install on `backend` with the default calendar: surveys outside 09:00-18:00 Tokyo are deferred. */
async function install(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  await withStore(login.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
  const file = join(login.configDir, 'reminders.json');
  writeFileSync(file, JSON.stringify([{ id: 's1', type: 'survey', to: users, title: 'サーベイ 復元' }]));
  const cli = (args: string[], at = '2026-11-26T10:00:00+09:00') => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  const send = async (at: string) => {
    const result = await cli(['send-reminders', '--input', file, '--json', '--allow-empty'], at);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    return JSON.parse(result.stdout).messages as { delivered: number; deferred: number };
  };
  const surveys = () => [...dmInbox(sandbox).values()].map((bodies) => bodies.filter((b) => b.includes('サーベイ 復元')).length);
  /** The store as a dump, without the header (its export time differs). */
  const dump = async () => (await cli(['state', 'export'])).stdout.split('\n').slice(1).join('\n');
  return { ...login, users, cli, send, surveys, dump };
}

const dumpFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'hmcw-dump-')), 'state.ndjson');
  writeFileSync(file, text);
  return file;
};

describe.each(BACKENDS)('restores are monotone (%s)', (backend) => {
  it.skipIf(backend === 'postgres' && !postgres.available)('an older dump imported with --force after the deliveries went out leaves them sent; the next run sends nothing again', async () => {
    const f = await install(backend);
    expect(await f.send('2026-11-25T20:00:00+09:00')).toMatchObject({ delivered: 0, deferred: f.users.length });
    const older = dumpFile((await f.cli(['state', 'export'])).stdout);
    expect(await f.send('2026-11-26T09:05:00+09:00')).toMatchObject({ delivered: f.users.length });
    expect(f.surveys()).toEqual(f.users.map(() => 1));
    const before = await f.dump();

    const restored = await f.cli(['state', 'import', older, '--force']);
    expect(restored.code, restored.stderr).toBe(ExitCode.ok);
    expect(restored.stderr).toContain(`Kept what the store had further along than the dump: ${f.users.length} deliveries and 0 person-reminder pairs`);
    expect(restored.stderr).toContain("account setting was not imported");
    // Every delivery is still sent, with its message id: the store is as it was, plus the
    // import's own run record (every changing command is on record).
    const runsOf = (text: string) => text.split('\n').filter((line) => line.startsWith('{"kind":"run"'));
    const rest = (text: string) => text.split('\n').filter((line) => !line.startsWith('{"kind":"run"')).join('\n');
    const after = await f.dump();
    expect(rest(after)).toBe(rest(before));
    expect(runsOf(after).slice(0, runsOf(before).length)).toEqual(runsOf(before));
    expect(runsOf(after).slice(runsOf(before).length).map((line) => JSON.parse(line).command)).toEqual(['state import']);
    expect(await f.send('2026-11-26T10:00:00+09:00')).toMatchObject({ delivered: 0, deferred: 0 });
    expect(f.surveys()).toEqual(f.users.map(() => 1));
    const history = (await f.cli(['history', '--reminder', 's1', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line).status);
    expect(history).toEqual(f.users.map(() => 'delivered'));
  });

  it.skipIf(backend === 'postgres' && !postgres.available)("a pair pointed by an older dump at a delivery behind the store's stays with the store's; the dump's account never replaces the store's", async () => {
    const f = await install(backend);
    expect(await f.send('2026-11-26T09:05:00+09:00')).toMatchObject({ delivered: f.users.length });
    const lines = (await f.cli(['state', 'export'])).stdout.trim().split('\n').map((line) => JSON.parse(line));
    const sent = lines.find((r) => r.kind === 'delivery');
    const account = lines.find((r) => r.kind === 'setting' && r.key === 'account');
    // An older dump in which that person's pair belonged to a failed post under another key, and another account sent.
    const stale = { ...sent, key: `${sent.key}-older`, status: 'failed', messageId: null, how: null, reason: 'older failure' };
    const impostor = { ...account, value: { ...account.value, accountId: account.value.accountId + 1000 } };
    const older = dumpFile([JSON.stringify(lines[0]), JSON.stringify(impostor), JSON.stringify(stale)].join('\n'));
    const restored = await f.cli(['state', 'import', older, '--force']);
    expect(restored.code, restored.stderr).toBe(ExitCode.ok);
    expect(restored.stderr).toContain('0 deliveries and 1 person-reminder pairs');
    await withStore(f.configDir, async (store) => {
      expect((await store.deliveries.pairStates([sent.pairs[0]])).get(sent.pairs[0].join('\u001f'))).toMatchObject({ key: sent.key, status: 'sent' });
      expect((await store.config.get()).account?.accountId).toBe(account.value.accountId);
    });
    expect(await f.send('2026-11-26T10:00:00+09:00')).toMatchObject({ delivered: 0 });
    expect(f.surveys()).toEqual(f.users.map(() => 1));
  });
});

describe.each(BACKENDS)('a dump is checked as strictly as the store (%s)', (backend) => {
  it.skipIf(backend === 'postgres' && !postgres.available)('refuses, with exit 2 naming file, line and field, and changes nothing: wrong case, __proto__ and toString, a fraction, NUL, a bad e-mail, any account id, a huge line', async () => {
    const f = await install(backend);
    expect(await f.send('2026-11-26T09:05:00+09:00')).toMatchObject({ delivered: f.users.length });
    const good = (await f.cli(['state', 'export'])).stdout.trim().split('\n');
    const delivery = JSON.parse(good.find((line) => line.includes('"kind":"delivery"'))!);
    const user = JSON.parse(good.find((line) => line.includes('"kind":"user"'))!);
    const link = JSON.parse(good.find((line) => line.includes('"kind":"link"'))!);
    const before = await f.dump();
    const cases: [string, string][] = [
      [JSON.stringify({ ...delivery, status: 'Sent' }), 'status'],
      [JSON.stringify({ ...delivery, recall: { state: 'Recalled', at: 1, reason: null } }), 'recall.state'],
      ['{"kind":"setting","key":"__proto__","value":{"polluted":true}}', 'key'],
      ['{"kind":"setting","key":"toString","value":1}', 'key'],
      ['{"kind":"setting","key":"templates","value":{"__proto__":{"ja":"x"}}}', 'value.__proto__: not a field'],
      [JSON.stringify({ ...user, __proto__: null }).replace('{', '{"__proto__":{"id":"x"},'), '__proto__: not a field'],
      ['{"kind":"__proto__"}', 'kind'],
      [JSON.stringify({ ...delivery, at: delivery.at + 0.5 }), 'at'],
      [JSON.stringify({ ...delivery, intentAt: '1764633600000' }), 'intentAt'],
      [JSON.stringify({ ...delivery, roomId: 1e300 }), 'roomId'],
      [JSON.stringify({ ...user, name: 'A\u0000B' }), 'name: NUL'],
      [JSON.stringify({ ...delivery, body: 'x\u0000' }), 'body: NUL'],
      [JSON.stringify({ ...user, name: 'x'.repeat(256) }), 'name'],
      [JSON.stringify({ ...user, email: 'not-an-address' }), 'email'],
      [JSON.stringify({ ...link, accountId: 1.5 }), 'accountId'],
      [JSON.stringify({ ...link, accountId: -7 }), 'accountId'],
      ['{"kind":"setting","key":"account","value":{"accountId":0,"name":"x","chatworkId":"x"}}', 'account.accountId'],
      [JSON.stringify({ kind: 'run', at: 1, startedAt: 1, delivered: 2 ** 31, failed: 0, skipped: 0, deferred: 0, exitCode: 0, inWindow: null }), 'delivered'],
    ];
    for (const [bad, field] of cases) {
      const file = dumpFile([good[0], bad, ...good.slice(1)].join('\n'));
      const result = await f.cli(['state', 'import', file, '--force']);
      expect(result.code, `${bad}: ${result.stderr}`).toBe(ExitCode.usage);
      expect(result.stderr, bad).toContain(`${file}:2: not a dump record: ${field}`);
      expect(result.stderr).not.toMatch(/TypeError|unexpected error|at .*\.js:/);
    }
    // A line longer than any record: named by its number, never a RangeError, never held whole.
    const huge = dumpFile(`${good[0]}\n${good[1]}\n{"kind":"user","id":"E1","name":"${'x'.repeat(17 * 1024 * 1024)}"}\n${good.slice(2).join('\n')}`);
    const refused = await f.cli(['state', 'import', huge, '--force']);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain(`${huge}:3: the line is longer than 16 MB`);
    expect(await f.dump()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
