import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/server.js';
import { HOSTILE_FIRST_ACCOUNT, HOSTILE_NAMES } from '../../sandbox/src/seed/hostile.js';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { withStore } from '../helpers/state.js';

const MARKUP = ['<script>window.pwned=1</script>', '"><img src=x onerror="window.pwned=1">', "';window.pwned=1;//"];
/** Straight into the store, past every import check: the page must hold even against what an import would refuse. */
const USERS = [...HOSTILE_NAMES, ...MARKUP].map((name, i) => ({ id: `H${i + 1}`, name, email: `h${i + 1}@sample.co.jp`, department: [...HOSTILE_NAMES, ...MARKUP][(i + 3) % HOSTILE_NAMES.length] }));
const PAGES = ['/connection', '/links', `/links?pick=H2`, '/links?show=review&q=%3Cscript%3E'];

describe.skipIf(!chromium.available)('the console pages in Chromium: hostile names stay text, keyboard, 640 CSS px', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    const sandbox = await startSandbox({ seed: 'hostile' });
    h = await startConsole({
      sandbox,
      prepare: (_cli, _sandbox, configDir) => withStore(configDir, async (store) => {
        await store.users.replaceAll(USERS);
        // Every other one linked to a hostile contact; the rest keep hostile candidates of their own name.
        await store.links.set(new Map(USERS.filter((_, i) => i % 2 === 0 && i < HOSTILE_NAMES.length)
          .map((u, k) => [u.id, { accountId: HOSTILE_FIRST_ACCOUNT + k, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }])));
      }),
    });
  });
  afterAll(async () => {
    expect(await h?.stop()).toBe(0);
    await h?.sandbox.stop();
  });

  const visit = async (path: string): Promise<{ page: Page; problems: string[] }> => {
    const page = await h.open('/connection');
    const problems: string[] = [];
    page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await page.goto(h.origin + path);
    return { page, problems };
  };

  it('renders notation, markup, bidi controls and terminal escapes as inert, visible text on every page', async () => {
    for (const path of PAGES) {
      const { page, problems } = await visit(path);
      expect(await page.evaluate('window.pwned'), path).toBeUndefined();
      expect(await page.evaluate('document.scripts.length'), path).toBe(1);
      expect(await page.evaluate('document.images.length'), path).toBe(0);
      expect(problems, path).toEqual([]);
      const text = (await page.locator('main').textContent())!;
      if (path === '/links') {
        // The names are there, as text: notation, markup, and each control made visible rather than obeyed.
        expect(text).toContain('[To:1000001]偽 メンション');
        expect(text).toContain('<script>window.pwned=1</script>');
        expect(text).toContain('[U+202E]逆順 表示[U+202C]');
        expect(text).toContain('[U+001B]]0;pwned[U+0007]山田 悪太');
        expect(text).not.toMatch(/[\u0000-\u0008\u001b\u009b\u202a-\u202e\u2066-\u2069]/);
      }
      await page.close();
    }
  });

  it('keyboard: the first Tab reaches the skip link, which moves focus to the content; every control has a label', async () => {
    const { page } = await visit('/links');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim()).length`);
    expect(unlabelled).toBe(0);
    await page.close();
  });

  it('needs no horizontal scrolling at 640 CSS px, nor at 200 % zoom of 1280', async () => {
    for (const path of PAGES) {
      const { page } = await visit(path);
      await page.setViewportSize({ width: 640, height: 900 });
      expect(await page.evaluate('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(640);
      await page.close();
    }
  });
});
