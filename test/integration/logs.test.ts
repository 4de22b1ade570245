import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { ExitCode } from '../../src/errors/index.js';
import { LOG_EVENTS } from '../../src/logging/events.js';
import { LOG_LEVELS, TEXT_LOG_LINE } from '../../src/logging/log-line.js';
import { createAutoClock } from '../helpers/auto-clock.js';
import { DEMO_REMINDERS, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runBin, runCli, type CliResult } from '../helpers/run-cli.js';

// Virtual time shared by the sandbox and the CLI: the rate limit's minute-long holds are events, not waits.
const clock = createAutoClock();
const RATE = { count: 6, windowMs: 60_000 };
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ clock, rateLimit: RATE }); });
afterAll(async () => { await sandbox.stop(); });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/** Every stderr line parsed by the documented text grammar; the run ids they carry. */
function textLines(result: CliResult) {
  const lines = result.stderr.split('\n');
  expect(lines.pop(), 'stderr ends with a newline').toBe('');
  return lines.map((line) => {
    const parsed = TEXT_LOG_LINE.exec(line);
    expect(parsed, `not in the text log format: ${JSON.stringify(line)}`).not.toBeNull();
    return { time: parsed![1]!, runId: parsed![2]!, level: parsed![3]!, message: parsed![4] ?? '' };
  });
}

type Event = Record<string, unknown> & { time: string; level: string; runId: string; event: string; message?: string };

/** Every stderr line as a JSON event with the documented fields and a known event name. */
function jsonEvents(result: CliResult): Event[] {
  const lines = result.stderr.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const event = JSON.parse(line) as Event;
    expect(event.time).toMatch(ISO_WITH_OFFSET);
    expect(LOG_LEVELS).toContain(event.level);
    expect(event.runId).toMatch(UUID);
    expect(LOG_EVENTS, line).toContain(event.event);
    if ('message' in event) expect(typeof event.message).toBe('string');
    return event;
  });
}

const oneRunId = (runIds: string[]) => {
  expect(new Set(runIds).size, runIds.join(' ')).toBe(1);
  return runIds[0]!;
};

async function demo() {
  const login = await loggedInConfigDir(sandbox);
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...login.args, ...args], { env: { ...login.env, ...env }, clock });
  const hr = await setUpDemo(sandbox, cli, (room) => ({ survey: 'dm', 'update-survey': `room:${room}`, praise: 'dm' }));
  // The HR room turned read-only: its message fails (403), the DMs go out, paced by 6 requests a minute.
  sandbox.control.setRole(hr, 'readonly');
  return { ...login, cli };
}

describe('off a terminal, every stderr line is in the text log format', () => {
  it('send-reminders with rate-limit holds and a failure, doctor, usage errors (exit 2) and a login needed (exit 4)', async () => {
    sandbox.control.reset();
    sandbox.control.setLimits({ rateLimit: RATE });
    const { cli, env } = await demo();
    const sent = await cli(['send-reminders', '--input', DEMO_REMINDERS]);
    expect(sent.code).toBe(ExitCode.partial);
    const lines = textLines(sent);
    const runId = oneRunId(lines.map((l) => l.runId));
    // docs/logging.md's promise: a wait line per hold of 5 s or more, progress once a minute and at the end.
    expect(lines.filter((l) => l.message.startsWith('waiting for the rate limit')).length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-4)?.message).toBe('progress: 8/8 done, 1 failed, ETA under a minute');
    // The one failed message is the HR group chat's post, for several people: both are counted.
    expect(lines.find((l) => /^Sent 7, on hold 0, skipped 1, failed 1 \([2-5] people\)\./.test(l.message))?.level).toBe('info');
    // The store is open by then: the display zone (Asia/Tokyo) tells the time.
    expect(lines.at(-1)!.time).toMatch(/\+09:00$/);

    const noInput = await cli(['send-reminders']);
    const bogus = await cli(['send-reminders', '--bogus']);
    const badFormat = await cli(['--log-format', 'xml', 'doctor']);
    const doctor = await cli(['doctor', '--verbose']);
    const noLogin = await runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-nologin-')), '--secret-store', 'file', 'contacts'], { env });
    expect([noInput.code, bogus.code, badFormat.code, noLogin.code]).toEqual([ExitCode.usage, ExitCode.usage, ExitCode.usage, ExitCode.auth]);
    expect(badFormat.stderr).toContain('error Error: --log-format must be text or json, not "xml".');
    const runIds = [runId];
    // doctor reports on stdout: its stderr may be empty, and is in the format when it is not.
    expect(textLines(doctor).every((l) => l.runId !== runId)).toBe(true);
    for (const result of [noInput, bogus, badFormat, noLogin]) {
      const parsed = textLines(result);
      expect(parsed.length).toBeGreaterThan(0);
      runIds.push(oneRunId(parsed.map((l) => l.runId)));
      if (result.code === ExitCode.usage || result.code === ExitCode.auth) expect(parsed.every((l) => l.level === 'error')).toBe(true);
    }
    expect(new Set(runIds).size).toBe(runIds.length);
    // A usage error of several lines: one prefix per line.
    expect(textLines(bogus).map((l) => l.message)).toEqual([
      "Error: unknown option '--bogus'",
      'More: `himanager-chatwork send-reminders --help`',
    ]);
  });

  it('the built binary, in its own process: an error exit 2 and a login needed (exit 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-bin-'));
    const usage = await runBin(['--config-dir', dir, 'users', 'import']);
    const login = await runBin(['--config-dir', dir, '--secret-store', 'file', 'contacts']);
    expect([usage.code, login.code]).toEqual([ExitCode.usage, ExitCode.auth]);
    const ids = [usage, login].map((r) => oneRunId(textLines(r).map((l) => l.runId)));
    expect(ids[0]).not.toBe(ids[1]);
    expect(login.stdout).toBe('');
  });
});

describe('--log-format json and HIMANAGER_CHATWORK_LOG_FORMAT=json: NDJSON events', () => {
  it('send-reminders: run.start, progress, one ratelimit.wait per hold, delivery.failed, run.end with the exit code and counts', async () => {
    sandbox.control.reset();
    sandbox.control.setLimits({ rateLimit: RATE });
    const { cli } = await demo();
    const sent = await cli(['--log-format', 'json', 'send-reminders', '--input', DEMO_REMINDERS, '--json']);
    expect(sent.code).toBe(ExitCode.partial);
    // stdout is the --json summary, as before: the log never mixes into it.
    expect(JSON.parse(sent.stdout).messages).toEqual({ delivered: 7, failed: 1, pending: 0, deferred: 0 });
    const events = jsonEvents(sent);
    oneRunId(events.map((e) => e.runId));
    expect(events[0]).toMatchObject({ event: 'run.start', command: 'send-reminders', version: expect.any(String), pid: expect.any(Number) });
    expect(events.at(-1)).toMatchObject({ event: 'run.end', exitCode: ExitCode.partial, counts: { delivered: 7, failed: 1, skipped: 1, deferred: 0 } });
    const failed = events.filter((e) => e.event === 'delivery.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'warn', roomId: expect.any(Number), recipients: 5 });
    expect(events.filter((e) => e.event === 'progress').at(-1)).toMatchObject({ done: 8, total: 8, failed: 1, message: 'progress: 8/8 done, 1 failed, ETA under a minute' });

    // One line per hold: the holds never overlap, and there are no more of them than the
    // sandbox's windows allow (15 requests at 6 a window: at most 2), however many requests waited.
    const waits = events.filter((e) => e.event === 'ratelimit.wait');
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.length).toBeLessThanOrEqual(Math.ceil((sandbox.control.stats() as { requests: number }).requests / RATE.count) - 1);
    for (const wait of waits) expect(wait).toMatchObject({ level: 'info', scope: 'account', waitMs: expect.any(Number), message: expect.stringMatching(/^waiting for the rate limit \(\d+ s left\)$/) });
    for (let i = 1; i < waits.length; i += 1) expect(Date.parse(waits[i]!.time)).toBeGreaterThanOrEqual(Date.parse(waits[i - 1]!.until as string));
  });

  it('the environment variable, doctor, errors: every line an event of the vocabulary; no secret in any', async () => {
    sandbox.control.reset();
    const { cli, env } = await demo();
    const json = { HIMANAGER_CHATWORK_LOG_FORMAT: 'json' };
    const doctor = await cli(['doctor'], json);
    const users = await cli(['users', 'list']);
    const jsonUsers = await cli(['users', 'list'], json);
    const usage = await cli(['send-reminders'], json);
    const bogus = await cli(['send-reminders', '--bogus'], json);
    const noLogin = await runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-nologin-')), '--secret-store', 'file', 'contacts'], { env: { ...env, ...json } });
    const ids: string[] = [];
    for (const result of [doctor, usage, bogus, noLogin]) {
      const events = jsonEvents(result);
      ids.push(oneRunId(events.map((e) => e.runId)));
      expect(events.at(-1)).toMatchObject({ event: 'run.end', exitCode: result.code, durationMs: expect.any(Number) });
      expect(result.stderr).not.toContain(sandbox.client.clientSecret);
    }
    expect(new Set(ids).size).toBe(4);
    // The log format changes stderr only: data on stdout is the same either way.
    expect(jsonUsers.stdout).toBe(users.stdout);
    expect(users.stdout).toContain('E0027');
    expect(doctor.stdout).toContain('Rate limit');
    expect(jsonEvents(usage).find((e) => e.event === 'error')).toMatchObject({ level: 'error', code: 'send.needInput', exitCode: ExitCode.usage });
    expect(jsonEvents(bogus).find((e) => e.event === 'error')).toMatchObject({ code: 'usage.unknownOption', exitCode: ExitCode.usage, message: expect.stringContaining('\n') });
    expect(jsonEvents(noLogin).find((e) => e.event === 'error')).toMatchObject({ exitCode: ExitCode.auth });
  });
});
