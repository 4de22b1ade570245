import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/history/runs/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { deliveredSurvey } from '../../helpers/command-fixtures.js';

describe('history runs: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await deliveredSurvey(h); });
  afterEach(() => h.close());

  it('lists the recorded runs with their exit code and counts', async () => {
    const result = await h.invoke(run, { json: true });
    expect(result.code).toBe(0);
    const runs = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(runs).toHaveLength(1);
    expect({ ...runs[0], host: '<host>', pid: '<pid>', runId: '<run>', version: '<version>' }).toMatchInlineSnapshot(`
      {
        "command": "send-reminders",
        "counts": {
          "deferred": 0,
          "delivered": 2,
          "failed": 0,
          "newSkips": 0,
          "pending": 0,
          "skipReasons": {},
          "skipped": 0,
        },
        "endedAt": "2026-11-24T10:00:00+09:00",
        "exitCode": 0,
        "host": "<host>",
        "pid": "<pid>",
        "runId": "<run>",
        "startedAt": "2026-11-24T10:00:00+09:00",
        "version": "<version>",
      }
    `);
    const text = await h.invoke(run, { command: 'users sync' });
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatchInlineSnapshot(`
      "0 run(s) shown.
      "
    `);
  });

  it('refuses a bad --limit (exit 2)', async () => {
    const result = await h.unchanged(() => h.invoke(run, { limit: 'ten' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --limit ten: give a whole number (0: all).
      "
    `);
  });
});
