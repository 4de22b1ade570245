import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/send-reminders/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';
import { SURVEY } from '../helpers/command-fixtures.js';

describe('send-reminders: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('sends each linked recipient the survey in their direct chat, once, and records it', async () => {
    const input = h.file('reminders.json', JSON.stringify([SURVEY]));
    const result = await h.invoke(run, { input, json: true }, { command: 'send-reminders' });
    expect(result.code).toBe(0);
    // The host and the version are this machine's and this release's: not part of the snapshot.
    const report = { ...JSON.parse(result.stdout), host: '<host>', version: '<version>' };
    expect(report).toMatchInlineSnapshot(`
      {
        "answered": {
          "answered": 0,
          "held": [],
          "tasks": {
            "closed": 0,
            "failed": 0,
            "gone": 0,
            "refused": 0,
          },
        },
        "backend": "sqlite",
        "client": {
          "refreshes": 0,
          "requests": 4,
          "retries": 0,
          "status429": 0,
        },
        "elapsedSeconds": 0,
        "endedAt": "2026-11-24T10:00:00+09:00",
        "exitCode": 0,
        "failOn": [
          "failed",
          "new-skips",
        ],
        "host": "<host>",
        "messages": {
          "deferred": 0,
          "delivered": 2,
          "failed": 0,
          "pending": 0,
        },
        "newSkips": [],
        "recipients": [
          {
            "how": "posted",
            "messageId": "1700000000000000000",
            "outcome": "delivered",
            "recipient": "P2000001",
            "reminderId": "survey-2026-12",
            "roomId": 500000002,
          },
          {
            "how": "posted",
            "messageId": "1700000000000000001",
            "outcome": "delivered",
            "recipient": "P2000002",
            "reminderId": "survey-2026-12",
            "roomId": 500000004,
          },
        ],
        "reminders": {
          "delivered": 2,
        },
        "runId": "<run>",
        "skipped": {},
        "startedAt": "2026-11-24T10:00:00+09:00",
        "version": "<version>",
      }
    `);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages.map((m) => m.body)).toMatchInlineSnapshot(`
      [
        "[To:2000001]山田太郎さん
      [info][title]サーベイのお願い[/title]「2026年12月 エンゲージメントサーベイ」へのご回答をお願いいたします。
      回答期限: 2026年12月1日（火）
      https://app.himanager.example/surveys/2026-12[/info]",
      ]
    `);
    // Again: the ledger knows both were sent, so nothing goes twice.
    const again = await h.invoke(run, { input, json: true }, { command: 'send-reminders' });
    expect(again.code).toBe(0);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages).toHaveLength(1);
    expect(await h.store((store) => store.stats())).toMatchObject({ deliveries: 2 });
  });

  it('refuses a reminder for a type it does not know (exit 2), naming the file, and sends nothing', async () => {
    const input = h.file('reminders.json', JSON.stringify([{ ...SURVEY, type: 'kudos' }]));
    const result = await h.unchanged(() => h.invoke(run, { input }, { command: 'send-reminders' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: <dir>/reminders.json has 1 problem(s); nothing was changed:
        <dir>/reminders.json:1 #1: type must be praise, survey or update_survey, not "kudos"
      "
    `);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages).toEqual([]);
  });
});
