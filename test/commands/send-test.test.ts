import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/send-test/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('send-test: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('posts a sample of one type to a linked user, marked as a test', async () => {
    const result = await h.invoke(run, { type: 'praise', user: 'P2000001' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Sent 1 test message(s) to 山田太郎's DM (room 500000002).
      "
    `);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages.map((m) => m.body)).toMatchInlineSnapshot(`
      [
        "[To:2000001]山田太郎さん
      [info][title]称賛が届きました[/title]山田太郎さんから称賛のメッセージが届いています。[hr]これはテスト送信です。実際の通知ではありません。
      https://app.himanager.example/[/info]",
      ]
    `);
  });

  it('refuses --user with --room (exit 2) and posts nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { user: 'P2000001', room: '500000067' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(h.sandbox.control.state.rooms.get(500000002)!.messages).toEqual([]);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: give --user or --room, not both.
      "
    `);
  });
});
