import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/invite/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';
import { demoDirectory } from '../helpers/command-fixtures.js';

describe('invite: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
  afterEach(() => h.close());

  it('lists the people the account cannot reach, as CSV for a mail merge', async () => {
    const result = await h.invoke(run, { format: 'csv', lang: 'en' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "﻿id,name,email,subject,body
      E0027,岡田 佳奈,kana.okada@sample.co.jp,"Please add ""HiManager通知"" as a Chatwork contact (HiManager notifications)","Dear 岡田 佳奈,

      HiManager notifications (praise (称賛), survey (サーベイ), update survey (アップデートサーベイ)) will reach you as Chatwork direct chats, sent by the Chatwork account ""HiManager通知"". To receive them, please add this account as a contact:

      1. Sign in to Chatwork and open ""Contacts"" at the top of the screen.
      2. Search for the Chatwork ID himanager_notify.
      3. Choose ""HiManager通知"" and send a contact request.

      This link opens the same page: https://www.chatwork.com/himanager_notify

      The request is approved on our side; from then on, the notifications arrive in your direct chat with ""HiManager通知"". If anything is unclear, please contact HR."
      E0028,後藤 駿,shun.goto@sample.co.jp,"Please add ""HiManager通知"" as a Chatwork contact (HiManager notifications)","Dear 後藤 駿,

      HiManager notifications (praise (称賛), survey (サーベイ), update survey (アップデートサーベイ)) will reach you as Chatwork direct chats, sent by the Chatwork account ""HiManager通知"". To receive them, please add this account as a contact:

      1. Sign in to Chatwork and open ""Contacts"" at the top of the screen.
      2. Search for the Chatwork ID himanager_notify.
      3. Choose ""HiManager通知"" and send a contact request.

      This link opens the same page: https://www.chatwork.com/himanager_notify

      The request is approved on our side; from then on, the notifications arrive in your direct chat with ""HiManager通知"". If anything is unclear, please contact HR."
      "
    `);
  });

  it('refuses an unknown format (exit 2) and posts nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { format: 'xml' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --format must be text, csv or json, not "xml"
      "
    `);
  });
});
