import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, dmInbox, linkAllContacts, loggedInConfigDir, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { clockAt } from '../helpers/shifted-clock.js';

/** `send_at`: a record waits in the outbox until then (the dry run says so), then goes once; one in the past goes now. */

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(3) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const MORNING = '2026-12-02T10:00:00+09:00';
const BEFORE = '2026-12-02T14:59:00+09:00';
const AFTER = '2026-12-02T15:01:00+09:00';
const received = (text: string) => [...dmInbox(sandbox).values()].flat().filter((body) => body.includes(text)).length;

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const users = await linkAllContacts(sandbox, login.configDir);
  const file = join(login.configDir, 'reminders.json');
  const cli = (args: string[], at: string) => runCli([...login.args, ...args], { env: login.env, clock: clockAt(at) });
  const send = async (at: string) => {
    const result = await cli(['send-reminders', '--input', file, '--json'], at);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    return JSON.parse(result.stdout) as { messages: { delivered: number; deferred: number }; recipients: { outcome: string; until?: string; heldFor?: string }[] };
  };
  return { users, file, cli, send };
}

describe.each(BACKENDS)('send_at on %s', (backend) => {
  it('holds the record until send_at, says so in the dry run, then sends it once; a past send_at sends now', async () => {
    const f = await setup(backend);
    writeFileSync(f.file, JSON.stringify([
      { id: 'later', type: 'survey', to: f.users, title: '午後のサーベイ', send_at: '2026-12-02T15:00:00+09:00' },
      { id: 'past', type: 'survey', to: f.users, title: '朝のサーベイ', send_at: '2026-12-02T00:30:00Z' },
    ]));
    const dry = await f.cli(['send-reminders', '--input', f.file, '--dry-run'], MORNING);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`later → ${f.users[0]}: held until Wed, Dec 2, 15:00 JST (send_at)`);
    expect(dry.stdout).not.toMatch(/past → .*held/);

    const first = await f.send(MORNING);
    expect(first.messages.delivered).toBe(f.users.length);
    expect(first.messages.deferred).toBe(f.users.length);
    expect(first.recipients.filter((r) => r.outcome === 'deferred').every((r) => r.heldFor === 'send-at' && r.until === '2026-12-02T15:00:00+09:00')).toBe(true);
    expect(received('午後のサーベイ')).toBe(0);
    expect(received('朝のサーベイ')).toBe(f.users.length);

    expect((await f.send(BEFORE)).messages.delivered).toBe(0);
    expect(received('午後のサーベイ')).toBe(0);
    expect((await f.send(AFTER)).messages.delivered).toBe(f.users.length);
    expect((await f.send(AFTER)).messages.delivered).toBe(0);
    expect(received('午後のサーベイ')).toBe(f.users.length);
    expect(received('朝のサーベイ')).toBe(f.users.length);
  });

  it('someone gone from the input before send_at (answered) is withdrawn by the next run, never sent', async () => {
    const f = await setup(backend);
    const [answered, ...rest] = f.users as [string, ...string[]];
    const record = (to: string[]) => writeFileSync(f.file, JSON.stringify([{ id: 'later', type: 'survey', to, title: '午後のサーベイ', send_at: '2026-12-02T15:00:00+09:00' }]));
    record(f.users);
    expect((await f.send(MORNING)).messages.deferred).toBe(f.users.length);
    record(rest);
    const after = await f.cli(['send-reminders', '--input', f.file, '--json'], AFTER);
    expect(after.code, after.stderr).toBe(ExitCode.ok);
    expect(after.stderr).toContain('Withdrew 1 held deliveries');
    expect((JSON.parse(after.stdout) as { messages: { delivered: number } }).messages.delivered).toBe(rest.length);
    const withdrawn = (await f.cli(['history', '--status', 'withdrawn', '--json'], AFTER)).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { userId: string; reason: string });
    expect(withdrawn.map((w) => [w.userId, w.reason])).toEqual([[answered, 'withdrawn-answered']]);
    expect(received('午後のサーベイ')).toBe(rest.length);
  });

  it('an offset-less or impossible send_at is bad input (exit 2) naming the record and the field; nothing is sent', async () => {
    const f = await setup(backend);
    for (const value of ['2026-12-02T15:00:00', '2026-02-30T15:00:00+09:00', 'tomorrow']) {
      writeFileSync(f.file, JSON.stringify([
        { id: 'ok', type: 'survey', to: f.users, title: '正しいサーベイ' },
        { id: 'bad', type: 'survey', to: f.users, title: '誤ったサーベイ', send_at: value },
      ]));
      const result = await f.cli(['send-reminders', '--input', f.file], MORNING);
      expect(result.code, value).toBe(ExitCode.usage);
      expect(result.stderr, value).toContain('send_at');
      expect(result.stderr, value).toContain(value);
      expect(result.stderr, value).toContain('reminders.json:1 #2: send_at');
    }
    expect(received('サーベイ')).toBe(0);
  });
});
