import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/history/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { deliveredSurvey } from '../../helpers/command-fixtures.js';

describe('history: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await deliveredSurvey(h); });
  afterEach(() => h.close());

  it('one line per delivery, newest first, filtered by user; JSON with times in the calendar zone', async () => {
    const result = await h.invoke(run, { user: 'P2000002' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Tue, Nov 24, 10:00 JST  survey-2026-12  survey  佐藤　花子 (P2000002)  room 500000004  delivered  1700000000000000001  
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "1 line(s) shown.
      "
    `);
    const json = (await h.invoke(run, { json: true })).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(json).toMatchInlineSnapshot(`
      [
        {
          "at": "2026-11-24T10:00:00+09:00",
          "messageId": "1700000000000000000",
          "reminderId": "survey-2026-12",
          "roomId": 500000002,
          "status": "delivered",
          "type": "survey",
          "userId": "P2000001",
          "userName": "山田太郎",
        },
        {
          "at": "2026-11-24T10:00:00+09:00",
          "messageId": "1700000000000000001",
          "reminderId": "survey-2026-12",
          "roomId": 500000004,
          "status": "delivered",
          "type": "survey",
          "userId": "P2000002",
          "userName": "佐藤　花子",
        },
      ]
    `);
  });

  it('refuses an unknown status (exit 2), listing the valid ones', async () => {
    const result = await h.unchanged(() => h.invoke(run, { status: 'sent' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --status sent: use one of delivered, failed, skipped, deferred, in-flight, recalled, withdrawn.
      "
    `);
  });
});
