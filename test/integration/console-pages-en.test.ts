import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { DEMO_USERS } from '../helpers/logged-in.js';

/** Under an English locale the pages speak English: the CLI's language rule, one catalog with the CLI. */
describe('console pages in English', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole({ lang: 'en', prepare: async (cli) => { await cli(['users', 'import', DEMO_USERS]); await cli(['link', '--auto', '--yes']); } });
  }, 120_000);
  afterAll(async () => { await h?.stop(); });

  it.each([
    ['/destinations', 'Destinations', ['Send a test message', 'People who are not in the group chat']],
    ['/templates', 'Templates', ['Placeholders you can use', 'No problems: this template can be saved.']],
    ['/deliveries', 'Deliveries', ['Look up a person', 'Download as CSV']],
    ['/invitations', 'Invitations', ['Contact requests waiting']],
    ['/diagnosis', 'Diagnosis', ['One-step fixes']],
    ['/operations', 'Operations', ['Recent runs']],
  ])('%s is in English', async (path, title, phrases) => {
    const answer = await h.request(path);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toContain('<html lang="en">');
    expect(text).toContain(`<h1>${title}</h1>`);
    for (const phrase of phrases) expect(text).toContain(phrase);
    // None of these pages' own Japanese words: the page is not half translated.
    for (const word of ['保存する', '送信先', 'テンプレート', '配信状況', '招待', '診断', '運用']) expect(text).not.toContain(word);
  }, 60_000);
});
