import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/templates/preview/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('templates preview: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await h.linkAll(); });
  afterEach(() => h.close());

  it('renders the template for a linked person, due a week ahead on a business day, as JSON', async () => {
    const result = await h.invoke(run, { type: 'survey', lang: 'en', user: 'P2000001', json: true });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchInlineSnapshot(`
      {
        "body": "[To:2000001]山田太郎
      [info][title]Survey reminder[/title]Please answer "December 2026 engagement survey".
      Due: Tue, Dec 1, 2026
      https://app.himanager.example/surveys/2026-12[/info]",
        "destination": "dm",
        "drawn": [
          "TO 山田太郎",
          "┌──────────────────────────────────────────────────┐",
          "│ ⓘ Survey reminder                                │",
          "├──────────────────────────────────────────────────┤",
          "│ Please answer "December 2026 engagement survey". │",
          "│ Due: Tue, Dec 1, 2026                            │",
          "│ https://app.himanager.example/surveys/2026-12    │",
          "└──────────────────────────────────────────────────┘",
        ],
        "kind": "message",
        "lang": "en",
        "source": "builtin",
        "type": "survey",
        "user": "P2000001",
      }
    `);
  });

  it('draws it as Chatwork would for a person at a terminal', async () => {
    const result = await h.invoke(run, { type: 'praise', lang: 'ja' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "
        TO 山田 太郎さん
        ┌──────────────────────────────────────────────────────────────────┐
        │ ⓘ 称賛が届きました                                               │
        ├──────────────────────────────────────────────────────────────────┤
        │ 佐藤 花子さんから称賛のメッセージが届いています。                │
        ├──────────────────────────────────────────────────────────────────┤
        │ リリース対応を落ち着いて進めてくださり、ありがとうございました。 │
        │ https://app.himanager.example/surveys/2026-12                    │
        └──────────────────────────────────────────────────────────────────┘

      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "praise (称賛) (Japanese), built-in template, for a sample person, as a message in a direct chat:
      "
    `);
  });

  it('refuses an unknown user (exit 2)', async () => {
    const result = await h.invoke(run, { type: 'survey', user: 'E404' });
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: no user "E404" in the directory (see \`users list\`).
      "
    `);
  });
});
