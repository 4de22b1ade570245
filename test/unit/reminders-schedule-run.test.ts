import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/reminders/schedule/run.js';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { ExitCode, UsageError } from '../../src/errors/index.js';
import { runCli } from '../helpers/run-cli.js';

/** `reminders schedule`'s run(options, deps) against a real SQLite store in a temporary config dir. */
let dir: string;
let out: string;
let deps: Deps;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hmcw-schedule-'));
  out = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.resume(); // what run() says on stderr is checked through the CLI below
  deps = await createDeps(resolveEnvironment({ configDir: dir, lang: 'en', secretStore: 'file' }, { LANG: 'en_US.UTF-8' }),
    { streams: { stdin: new PassThrough(), stdout, stderr }, command: 'reminders schedule' });
});
afterEach(async () => {
  await deps.stores.close();
  await rm(dir, { recursive: true, force: true });
});

const followUps = async () => (await (await deps.stores.state()).config.get()).followUps;
const usage = async (options: Parameters<typeof run>[0]) => {
  const error = await run(options, deps).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(ExitCode.usage);
  return (error as UsageError).message;
};

describe('reminders schedule: run()', () => {
  it('lists none by default, sets a schedule (largest day first, gap 20 h by default), lists it, clears it', async () => {
    await run({ json: true }, deps);
    expect(JSON.parse(out)).toEqual({ praise: null, survey: null, 'update-survey': null });
    await run({ type: 'survey', daysBefore: '0,3,1' }, deps);
    expect(out).toContain('Follow-ups of survey: 3,1,0 day(s) before due');
    expect(await followUps()).toEqual({ survey: { daysBefore: [3, 1, 0], gapHours: 20 } });
    await run({ type: 'update_survey', daysBefore: '1', gap: '24h' }, deps);
    out = '';
    await run({}, deps);
    expect(out).toMatch(/survey \(サーベイ\)\s+3,1,0\s+20 h/);
    expect(out).toMatch(/update survey \(アップデートサーベイ\)\s+1\s+24 h/);
    expect(out).toMatch(/none \(goes once\)/);
    await run({ type: 'survey', off: true }, deps);
    expect(await followUps()).toEqual({ 'update-survey': { daysBefore: [1], gapHours: 24 } });
    out = '';
    await run({ type: 'survey', off: true }, deps);
    expect(out).toContain('survey has no follow-ups; nothing was changed');
  });

  it('refuses bad input naming the flag, exit 2, and changes nothing', async () => {
    await run({ type: 'survey', daysBefore: '3,1,0' }, deps);
    const before = await followUps();
    expect(await usage({ type: 'survey', daysBefore: '3,x' })).toContain('--days-before "3,x"');
    expect(await usage({ type: 'survey', daysBefore: '-1' })).toContain('--days-before "-1"');
    expect(await usage({ type: 'survey', daysBefore: '3,3' })).toContain('--days-before "3,3"');
    expect(await usage({ type: 'survey', daysBefore: '' })).toContain('--days-before');
    expect(await usage({ type: 'survey', daysBefore: '366' })).toContain('--days-before "366"');
    expect(await usage({ type: 'survey', daysBefore: '1', gap: 'soon' })).toContain('--gap "soon"');
    expect(await usage({ type: 'survey', daysBefore: '1', gap: '-3h' })).toContain('--gap "-3h"');
    expect(await usage({ type: 'surveys', daysBefore: '1' })).toContain('type "surveys"');
    expect(await usage({ type: 'praise', daysBefore: '1' })).toContain('praise');
    expect(await usage({ type: 'survey' })).toContain('--days-before');
    expect(await usage({ type: 'survey', off: true, daysBefore: '1' })).toContain('--off');
    expect(await usage({ off: true })).toContain('--off needs a type');
    expect(await followUps()).toEqual(before);
  });

  it('through the CLI: exit 2 on a bad flag, 0 when set', async () => {
    const env = { HIMANAGER_CHATWORK_SECRET_STORE: 'file' };
    const bad = await runCli(['--config-dir', dir, 'reminders', 'schedule', 'survey', '--days-before', '3,x'], { env });
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--days-before');
    const good = await runCli(['--config-dir', dir, 'reminders', 'schedule', 'survey', '--days-before', '2,0', '--gap', '12h', '--json'], { env });
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ type: 'survey', schedule: { daysBefore: [2, 0], gapHours: 12 } });
  });
});
