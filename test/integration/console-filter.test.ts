import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/server.js';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { sandboxPeople } from '../helpers/console-people.js';
import { withStore } from '../helpers/state.js';

const people = sandboxPeople(300);

// The 紐付け page's filter as you type (assets/console/console.js): after each keystroke, exactly
// the cards whose text holds every word typed are shown, whether the search narrowed or widened.
describe.skipIf(!chromium.available)('the 紐付け page in Chromium: filtering as you type', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    const sandbox = await startSandbox({ seed: 'empty', contacts: people.contacts });
    h = await startConsole({
      sandbox,
      prepare: (_cli, _sandbox, configDir) => withStore(configDir, async (store) => { await store.users.replaceAll(people.users); }),
    });
  });
  afterAll(async () => {
    const code = await h?.stop();
    await h?.sandbox.stop();
    expect(code).toBe(0);
  });

  it('shows exactly the cards holding every word, narrowing, widening and back to all, and counts them', async () => {
    const page = await h.open('/links');
    const texts = await page.locator('#people > [data-text]').evaluateAll((items) => items.map((item) => [item.id, item.getAttribute('data-text') ?? '']));
    expect(texts).toHaveLength(300);
    // Someone with a Japanese name: its first character narrows the list without emptying it.
    const someone = people.users.find((u) => /^[\u3040-\u9fff]/.test(u.name))!;
    const family = someone.name.slice(0, 1);
    // Typed as a person would, one keystroke after another; full-width and capitals as NFKC folds them.
    const steps = [family, someone.name, `${someone.name} `, `${someone.name} ${someone.id}`, family, `${family} Ｕ0`, '', 'no-such-person', ''];
    for (const typed of steps) {
      // The listener is in place before the keystroke (the promise kept, not awaited, here); the step is over when the script says so.
      await page.evaluate(`(window.filtered = new Promise((resolve) => document.querySelector('#people')
        .addEventListener('filtered', (event) => resolve(event.detail.shown), { once: true }))), 0`);
      await page.locator('#q').fill(typed);
      const shownCount = await page.evaluate('window.filtered');
      const words = typed.toLowerCase().normalize('NFKC').split(/\s+/).filter(Boolean);
      const expected = texts.filter(([, text]) => words.every((word) => text!.includes(word))).map(([id]) => id);
      const visible = await page.locator('#people > [data-text]:not([hidden])').evaluateAll((items) => items.map((item) => item.id));
      expect(visible, typed).toEqual(expected);
      expect(shownCount, typed).toBe(expected.length);
      expect(await page.locator('#shown').textContent(), typed).toBe(`${expected.length}人を表示しています。`);
    }
    // The steps are not trivial: the first hides some cards, the name most of them.
    const holding = (word: string) => texts.filter(([, text]) => text!.includes(word.normalize('NFKC').toLowerCase())).length;
    expect(holding(family)).toBeLessThan(300);
    expect(holding(someone.name)).toBeLessThan(30);
  });
});
