import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/setup/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('setup: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('on a configured install, changes only the part chosen: the destinations, one prompt per type', async () => {
    const result = await h.invoke(run, {}, { tty: true, answers: ['destinations', 'room:500000067', 'dm', 'off'] });
    expect(result.code).toBe(0);
    expect(result.asked).toMatchInlineSnapshot(`
      [
        "What do you want to change?",
        "Destination of praise (称賛):",
        "Destination of survey (サーベイ):",
        "Destination of update survey (アップデートサーベイ):",
      ]
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Already set up: sending as HiManager通知, OAuth client sandbox-demo-client, 30 users, 30 links; destinations: praise (称賛): DM to each recipient, survey (サーベイ): DM to each recipient, update survey (アップデートサーベイ): DM to each recipient.

      [6/7] Where each notification goes (送信先設定)
      The account may only read in these group chats, so they are not offered: 経営会議. To use one, make the account a member there in Chatwork, then run setup again.
      Destination of praise (称賛): group chat 人事部 HiManager通知 (room ID 500000067).
      2 linked users are not members of 人事部 HiManager通知 (500000067): 山田 太一 (P3000001), 佐藤 健 (P3000002)
      They are skipped when praise (称賛) is sent. Add them to the group chat in Chatwork, or send them a direct chat instead: himanager-chatwork destinations set praise room:500000067 --non-members dm
      Destination of survey (サーベイ): DM to each recipient.
      Destination of update survey (アップデートサーベイ): off (not sent).

      Setup is complete. Deliver reminders with: himanager-chatwork send-reminders --input <file> (see the README for cron). Check everything with: himanager-chatwork doctor
      "
    `);
    expect(await h.store((store) => store.destinations.all())).toEqual({ praise: 'room:500000067', survey: 'dm', 'update-survey': 'off' });
  });

  it('refuses to run off a terminal (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: setup is interactive and needs a terminal. To script it instead: auth login --client-id ID --client-secret-stdin, users import FILE, link --auto --yes, destinations set TYPE DEST, send-test.
      "
    `);
  });
});
