import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/server.js';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { sandboxPeople } from '../helpers/console-people.js';
import { readState, withStore } from '../helpers/state.js';

const people = sandboxPeople(300);
const byId = new Map(people.users.map((u) => [u.id, u]));

describe.skipIf(!chromium.available)('the 紐付け page in Chromium: a 300-person review', () => {
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

  it('shows the reach funnel, links every certain match in one step (never an outsider), resolves the ambiguous ones, and one "not this person" moves to invitations', async () => {
    const page = await h.open('/links');
    // A click that posts a form: done when the page it redirects to is committed and parsed.
    const submit = async (button: ReturnType<typeof page.locator>) => {
      await Promise.all([page.waitForEvent('framenavigated'), button.click({ timeout: 10_000 })]);
      await page.waitForLoadState('domcontentloaded');
    };
    const funnel = page.locator('.funnel li .n');
    expect(await funnel.nth(0).textContent()).toBe('300');
    const certainText = await page.getByRole('button', { name: /^確実な一致\d+件をまとめて紐付ける$/ }).textContent();
    const certain = Number(/(\d+)件/.exec(certainText!)![1]);
    expect(certain).toBeGreaterThan(200);
    await page.screenshot({ path: 'docs/console/links.png', fullPage: false });

    // Certain matches in one step.
    await submit(page.getByRole('button', { name: certainText! }));
    expect(await page.locator('.flash').textContent()).toContain(`${certain}件`);
    let state = await readState(h.configDir);
    expect(Object.keys(state.links)).toHaveLength(certain);
    for (const [userId, link] of Object.entries(state.links)) {
      // Right person (the generator knows), and never an outsider's account.
      expect(people.contacts.find((c) => c.account_id === link.accountId)!.organization_id, userId).toBe(9_001);
      expect(people.truth.get(userId), userId).toBe(link.accountId);
    }

    // The ambiguous ones: filtered to "needs review", each resolved to the right candidate by its button.
    await page.getByLabel('表示', { exact: true }).selectOption('review');
    await page.waitForURL(/show=review/);
    const reviewIds = await page.locator('#people > li.person').evaluateAll((items) => items.map((item) => item.id.slice(2)));
    expect(reviewIds.length).toBeGreaterThan(3);
    // The button that links a person to the contact the generator says is theirs, where the page offers it.
    const rightButton = (id: string) => {
      const contact = people.contacts.find((c) => c.account_id === people.truth.get(id));
      return contact && page.locator(`#p-${id}`).getByRole('button', { name: `${byId.get(id)!.name}を${contact.name} (${contact.account_id})に紐付ける` });
    };
    // Each answer can settle others (a namesake's twin becomes certain): the list is read again after each.
    const resolvable: string[] = [];
    for (;;) {
      const ids = await page.locator('#people > li.person').evaluateAll((items) => items.map((item) => item.id.slice(2)));
      let next: string | undefined;
      for (const id of ids) if (!next && !resolvable.includes(id) && await rightButton(id)?.count()) next = id;
      if (!next) break;
      await submit(rightButton(next)!);
      expect(await page.locator('.flash').textContent()).toContain(byId.get(next)!.name);
      resolvable.push(next);
    }
    expect(resolvable.length).toBeGreaterThan(0);
    // One whose contact the matcher could not find: "pick another contact", searched by Chatwork ID.
    const linkedNow = (await readState(h.configDir)).links;
    const missed = people.users.find((u) => people.truth.has(u.id) && !linkedNow[u.id])!;
    const theirs = people.contacts.find((c) => c.account_id === people.truth.get(missed.id))!;
    await page.goto(`${h.origin}/links?pick=${missed.id}`);
    await page.getByLabel(/コンタクトを検索/).fill(theirs.chatwork_id);
    await Promise.all([page.waitForEvent('framenavigated'), page.getByLabel(/コンタクトを検索/).press('Enter')]);
    await submit(page.getByRole('button', { name: `${missed.name}を${theirs.name} (${theirs.account_id})に紐付ける` }));
    resolvable.push(missed.id);
    await page.goto(`${h.origin}/links?show=review`);
    state = await readState(h.configDir);
    for (const id of resolvable) expect(state.links[id]?.accountId).toBe(people.truth.get(id));

    // "Not this person" on every candidate of someone still under review who is no contact at all: never proposed again.
    const stillInReview = await page.locator('#people > li.person').evaluateAll((items) => items.map((item) => item.id.slice(2)));
    const stranger = stillInReview.find((id) => !people.truth.has(id)) ?? stillInReview[0]!;
    expect(stranger).toBeDefined();
    const card = page.locator(`#p-${stranger}`);
    const candidates = await card.getByRole('button', { name: /ではない$/ }).count();
    expect(candidates).toBeGreaterThan(0);
    for (let i = 0; i < candidates; i++) await submit(page.locator(`#p-${stranger}`).getByRole('button', { name: /ではない$/ }).first());
    expect(await page.locator(`#p-${stranger}`).count()).toBe(0);
    expect((await withStore(h.configDir, (s) => s.decisions.rejections())).filter((r) => r.userId === stranger)).toHaveLength(candidates);
    await page.getByLabel('表示', { exact: true }).selectOption('none');
    await page.waitForURL(/show=none/);
    await expect.poll(() => page.locator(`#p-${stranger}`).count()).toBe(1);
    const invite = await h.cli(['invite', '--json']);
    expect(invite.code, invite.stderr).toBe(0);
    expect((JSON.parse(invite.stdout) as { people: { id: string }[] }).people.map((p) => p.id)).toContain(stranger);
    // Recorded in the audit as this OS user, from the console.
    const audit = await h.cli(['history', 'audit', '--json', '--limit', '0']);
    const rows = audit.stdout.trim().split('\n').map((line) => JSON.parse(line) as { where: string; action: string; subject: string });
    expect(rows.filter((r) => r.action === 'link.add' && r.where === 'console')).toHaveLength(certain + resolvable.length);
    expect(rows.filter((r) => r.action === 'link.reject').map((r) => [r.subject, r.where])).toEqual(Array(candidates).fill([stranger, 'console']));
    await page.close();
  });
});
