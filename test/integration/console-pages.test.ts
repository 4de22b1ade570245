import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { DEMO_REMINDERS, DEMO_USERS, hrRoomId } from '../helpers/logged-in.js';
import { withStore } from '../helpers/state.js';

/**
 * A directory user named as an adversary would: markup and Chatwork notation (the directory refuses
 * control characters; the bidi overrides and terminal escapes come from the hostile seed's Chatwork names).
 */
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>[To:1000001]悪 太郎';
const INERT_NAME = ['<script>window.__pwned=1</script>', '[To:1000001]'];
const HOSTILE_ID = 'E0099';
const SHOTS = join(import.meta.dirname, '../../docs/console');

/**
 * What a page must be whatever it shows: no script but the console's two and no element a name
 * could have made, each hostile text shown as text (bidi controls and escapes made visible, never
 * applied), every control labelled, no sideways scroll at 640 CSS px.
 */
async function checkPage(page: Page, inert: string[]): Promise<void> {
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  const scripts = await page.evaluate('Array.from(document.scripts).map((s) => new URL(s.src).pathname)') as string[];
  expect(scripts.sort()).toEqual(['/assets/console.js', '/assets/pages.js']);
  expect(await page.evaluate('document.querySelectorAll("img, iframe, object, embed").length')).toBe(0);
  const text = await page.evaluate('document.body.innerText') as string;
  for (const piece of inert) expect(text).toContain(piece);
  expect(text).not.toMatch(/[\u001b\u202e\u2067]/);
  const unlabelled = await page.evaluate(`Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
    .filter((el) => !el.hidden && !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 80))`);
  expect(unlabelled).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 640, height: 900 });
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(640);
  await page.setViewportSize(size);
}

/** Does what submits a form, then waits for the next document: the old page (and its flash) is never read by mistake. */
async function navigating(page: Page, act: () => Promise<void>): Promise<void> {
  await page.evaluate('window.__before = true');
  const loaded = page.waitForEvent('load');
  await act();
  await loaded;
  expect(await page.evaluate('window.__before')).toBeUndefined();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!chromium.available)('console pages in headless Chromium: 送信先, テンプレート, 配信状況, 招待・承認, 診断, 運用', () => {
  let sandbox: Sandbox;
  let h: ConsoleHarness;
  let hr: number;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await startSandbox({ seed: 'hostile' });
    hr = hrRoomId(sandbox);
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-pages-'));
    const users = join(dir, 'users.csv');
    writeFileSync(users, `${readFileSync(DEMO_USERS, 'utf8').trimEnd()}\r\n${HOSTILE_ID},"${HOSTILE.replace(/"/g, '""')}",アクタ タロウ,akuta@sample.co.jp,"<b>営業</b>"\r\n`);
    const reminders = join(dir, 'reminders.json');
    const list = JSON.parse(readFileSync(DEMO_REMINDERS, 'utf8')) as { id: string; to: string[] }[];
    list[0]!.to.push(HOSTILE_ID);
    writeFileSync(reminders, JSON.stringify(list));
    h = await startConsole({
      sandbox,
      prepare: async (cli) => {
        const must = async (args: string[]) => { const r = await cli(args); if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`); return r; };
        await must(['users', 'import', users]);
        await must(['link', '--auto', '--yes']);
        // The hostile directory user linked by hand to a hostile contact, removed below: a fix for 診断.
        await must(['link', HOSTILE_ID, '4000001']);
        await must(['destinations', 'set', 'praise', 'dm']);
        await must(['destinations', 'set', 'survey', `room:${hr}`]);
        await must(['destinations', 'set', 'update-survey', 'dm']);
        // Sent whatever the hour this test runs at: the window is not what is tested here.
        for (const type of ['praise', 'survey', 'update-survey']) await must(['calendar', 'set', `policy.${type}`, 'send']);
        const sent = await cli(['send-reminders', '--input', reminders]);
        if (sent.code !== 0 && sent.code !== 3) throw new Error(sent.stderr);
      },
    });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await sandbox?.stop();
  });

  it('送信先: choosing a group chat shows at once who it does not reach; saving goes through destinations set; a test message is sent', async () => {
    // 山田 太郎 (E0001) is linked but not in the HR group chat.
    sandbox.control.setMember(hr, 2_000_001, undefined);
    const page = await h.open('/destinations');
    const praise = page.locator('#dest-praise');
    await praise.locator('#dest-praise-room').selectOption(String(hr));
    // 山田 太郎, and the hostile user linked to a hostile contact who is not in the room either.
    await praise.locator('.members', { hasText: '紐付け済みのうち' }).waitFor();
    expect(await praise.locator('.members').innerText()).toContain('紐付け済みのうち2人が「人事部 HiManager通知」のメンバーではありません: 山田 太郎 (E0001)、');
    expect(await praise.getByRole('radio', { name: 'グループチャット' }).isChecked()).toBe(true);
    await navigating(page, () => praise.getByRole('button', { name: '保存する' }).click());
    const flash = await page.locator('.flash').innerText();
    expect(flash).toContain('称賛');
    expect(flash).toContain('人事部 HiManager通知');
    expect(JSON.parse((await h.cli(['destinations', '--json'])).stdout)).toMatchObject({ praise: `room:${hr}` });
    // Saved, the warning stays under the row, with what the setting does to them.
    expect(await page.locator('#dest-praise .members').innerText()).toContain('この設定では送信されません');
    const before = sandbox.control.rooms().find((r) => r.room_id === hr)!.messages.length;
    await navigating(page, () => page.locator('#dest-praise').getByRole('button', { name: 'テストメッセージを送信' }).click());
    expect(await page.locator('.flash').innerText()).toContain('テストメッセージを1件送信しました');
    expect(sandbox.control.rooms().find((r) => r.room_id === hr)!.messages.length).toBe(before + 1);
    // The hostile seed's group chat is named with a terminal escape and a formula: an option's text, inert.
    expect(await page.locator('#dest-survey-room').innerText()).toContain('[U+001B]]0;room[U+0007]=ROOM()');
    await checkPage(page, [...INERT_NAME, '[U+001B]]0;room[U+0007]=ROOM()']);
    await shoot(page, 'destinations');
    await page.close();
  }, 120_000);

  it('テンプレート: typed by keyboard, a check error shows inline and the preview waits; fixed, the preview draws it as Chatwork does; saved', async () => {
    const page = await h.open('/templates?type=survey&lang=ja');
    // Keyboard only: Tab to the editor, type, Tab to 保存する, Enter.
    for (let i = 0; i < 40 && await page.evaluate('document.activeElement && document.activeElement.id') !== 'tpl-text'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('tpl-text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{to}\n[info]{titel}');
    await page.locator('#tpl-problems', { hasText: '{titel}' }).waitFor();
    expect(await page.locator('#tpl-problems').innerText()).toContain('[info]');
    expect(await page.locator('#tpl-text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#tpl-preview').innerText()).toContain('上の問題を直すとプレビューを表示します');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{to}\n[info][title]ご回答のお願い[/title]「{title}」<script>window.__pwned=3</script>\n期限: {due}[hr]{url}[/info]');
    // Every prefix of this text that has the title also has an unclosed [info]: only the whole text previews.
    await page.locator('#tpl-preview .cw-title', { hasText: 'ご回答のお願い' }).waitFor();
    expect(await page.locator('#tpl-problems').innerText()).toContain('問題はありません');
    expect(await page.locator('#tpl-text').getAttribute('aria-invalid')).toBeNull();
    const preview = page.locator('#tpl-preview .cw-message');
    expect(await preview.locator('.cw-chip').first().innerText()).toBe('TO');
    expect(await preview.locator('.cw-info .cw-title').innerText()).toContain('ご回答のお願い');
    expect(await preview.locator('.cw-info hr.cw-hr').count()).toBe(1);
    expect(await preview.innerText()).toContain('<script>window.__pwned=3</script>');
    for (let i = 0; i < 10 && await page.evaluate('document.activeElement && document.activeElement.textContent') !== '保存する'; i++) await page.keyboard.press('Tab');
    await navigating(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/\/templates\?type=survey&lang=ja$/);
    expect(await page.locator('.flash').innerText()).toContain('保存しました');
    expect((await h.cli(['templates', 'show', 'survey', '--lang', 'ja'])).stdout).toContain('[title]ご回答のお願い[/title]');
    await checkPage(page, ['<script>window.__pwned=3</script>']);
    await shoot(page, 'templates');
    await page.close();
  }, 120_000);

  it('two tabs, or a tab and the CLI, never lose each other\'s change: a save over a change made since the page opened is refused', async () => {
    const a = await h.open('/templates?type=praise&lang=en');
    const b = await h.open('/templates?type=praise&lang=en');
    await b.locator('#tpl-text').fill('{to} from tab B: {from} {message} {url}');
    await navigating(b, () => b.getByRole('button', { name: '保存する' }).click());
    expect(await b.locator('.flash').innerText()).toContain('保存しました');
    await a.locator('#tpl-text').fill('{to} from tab A: {from} {message} {url}');
    await navigating(a, () => a.getByRole('button', { name: '保存する' }).click());
    expect(await a.locator('.flash').innerText()).toContain('別のタブまたはコマンドで変更された');
    // Tab A keeps its draft in the editor; the store keeps tab B's text.
    expect(await a.locator('#tpl-text').inputValue()).toBe('{to} from tab A: {from} {message} {url}');
    expect((await withStore(h.configDir, (store) => store.config.get())).templates.praise?.en).toBe('{to} from tab B: {from} {message} {url}');
    // A tab and the CLI: the CLI changes update-survey after the page was drawn.
    const page = await h.open('/destinations');
    expect((await h.cli(['destinations', 'set', 'update-survey', 'off'])).code).toBe(0);
    await navigating(page, () => page.locator('#dest-update-survey').getByRole('button', { name: '保存する' }).click());
    expect(await page.locator('.flash').innerText()).toContain('別のタブまたはコマンドで変更された');
    expect(JSON.parse((await h.cli(['destinations', '--json'])).stdout)).toMatchObject({ 'update-survey': 'off' });
    expect((await h.cli(['destinations', 'set', 'update-survey', 'dm'])).code).toBe(0);
    await Promise.all([a.close(), b.close(), page.close()]);
  }, 120_000);

  it('配信状況: after send-reminders, each reminder shows the counts history has; a person search answers with their timeline; the CSV is the CLI\'s', async () => {
    const history = (await h.cli(['history', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { reminderId: string; status: string });
    const expected = new Map<string, Record<string, number>>();
    for (const row of history) {
      const counts = expected.get(row.reminderId) ?? {};
      counts[row.status] = (counts[row.status] ?? 0) + 1;
      expected.set(row.reminderId, counts);
    }
    expect(expected.get('survey-2026-12')?.delivered).toBeGreaterThan(0);
    expect(expected.get('survey-2026-12')?.skipped).toBeGreaterThan(0);
    const page = await h.open('/deliveries');
    for (const [reminderId, counts] of expected) {
      const card = page.locator(`li.outcome[data-reminder="${reminderId}"]`);
      for (const [status, cls] of [['delivered', 'delivered'], ['deferred', 'held'], ['skipped', 'skipped'], ['failed', 'failed']] as const) {
        expect(Number(await card.locator(`li.${cls} strong`).innerText()), `${reminderId} ${status}`).toBe(counts[status] ?? 0);
      }
    }
    // The hostile user is skipped as unlinked: said with the CLI's reason words.
    expect(await page.locator('li.outcome[data-reminder="survey-2026-12"] [data-reason]').first().innerText()).toMatch(/人$/);
    // The chart's bar for today carries today's deliveries.
    const delivered = history.filter((r) => r.status === 'delivered').length;
    expect(await page.locator('.chart desc').innerHTML()).toContain(`送信済み${delivered}件`);
    await page.getByLabel('名前・よみがな・メールアドレス・ユーザーID').fill('さとう はなこ');
    await navigating(page, () => page.getByRole('button', { name: '検索' }).click());
    expect(await page.locator('#person-result h3').innerText()).toBe('佐藤 花子（E0002）の送信記録');
    expect(await page.locator('#person-result .timeline').innerText()).toContain('survey-2026-12');
    expect(await page.locator('#person-result .timeline li').first().innerText()).toContain('送信済み');
    await page.getByLabel('名前・よみがな・メールアドレス・ユーザーID').fill(HOSTILE_ID);
    await navigating(page, () => page.getByRole('button', { name: '検索' }).click());
    expect(await page.locator('#person-result .timeline li').first().innerText()).toContain('スキップ');
    await checkPage(page, INERT_NAME);
    const csv = await h.request('/deliveries/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const body = await csv.text();
    expect(body.split('\r\n').filter(Boolean).length).toBe(history.length + 1);
    // Formula-neutralised as the CLI's CSV: the hostile name's `=`-led parts never start a cell.
    expect(body).not.toMatch(/(^|,)=/m);
    await shoot(page, 'deliveries');
    await page.close();
  }, 120_000);

  it('診断: a link to a removed contact has an unlink button (`unlink`); a group chat the account left is re-picked with one (`destinations set`)', async () => {
    sandbox.control.removeContact(4_000_001);
    const page = await h.open('/diagnosis');
    expect(await page.locator('.findings').first().innerText()).toContain(HOSTILE_ID);
    await checkPage(page, INERT_NAME);
    await shoot(page, 'diagnosis');
    await navigating(page, () => page.getByRole('button', { name: /の紐付けを解除する$/ }).click());
    expect(await page.locator('.flash').innerText()).toContain(HOSTILE_ID);
    const links = JSON.parse((await h.cli(['links', '--json'])).stdout) as { links: { userId: string }[] };
    expect(links.links.some((l) => l.userId === HOSTILE_ID)).toBe(false);
    expect(await page.getByRole('button', { name: /の紐付けを解除する$/ }).count()).toBe(0);
    // The account leaves the group chat update-survey goes to: a new one is picked and saved in one step.
    const all = sandbox.control.rooms().find((r) => r.name === '全社連絡')!.room_id;
    expect((await h.cli(['destinations', 'set', 'update-survey', `room:${all}`])).code).toBe(0);
    sandbox.control.setMember(all, 1_000_001, undefined);
    await page.goto(`${h.origin}/diagnosis`);
    await page.getByLabel('グループチャット').selectOption(String(hr));
    await navigating(page, () => page.getByRole('button', { name: 'アップデートサーベイの送信先を保存する' }).click());
    expect(await page.locator('.flash').innerText()).toContain('アップデートサーベイ');
    expect(JSON.parse((await h.cli(['destinations', '--json'])).stdout)).toMatchObject({ 'update-survey': `room:${hr}` });
    expect(await page.getByRole('button', { name: 'アップデートサーベイの送信先を保存する' }).count()).toBe(0);
    expect((await h.cli(['destinations', 'set', 'update-survey', 'dm'])).code).toBe(0);
    await page.close();
  }, 120_000);

  it('招待・承認: a request matched to its directory user is approved and linked; another is declined; the people to invite and the text', async () => {
    const goto = sandbox.control.sendRequest({ accountId: 2_000_028, message: 'よろしくお願いします' });
    // A hostile seed account (a bidi override in its name) that is no longer a contact asks again.
    sandbox.control.removeContact(4_000_015);
    sandbox.control.sendRequest({ accountId: 4_000_015, message: '[toall]<b>至急</b>' });
    const impostor = sandbox.control.sendRequest({ chatworkId: 'impostor_okada', message: '<b>至急</b>' });
    const page = await h.open('/invitations');
    const card = page.locator(`li.request[data-request="${goto.requestId}"]`);
    expect(await card.getByLabel('紐付けるユーザー').locator('option').first().innerText()).toBe('後藤 駿 (E0028)');
    await navigating(page, () => card.getByRole('button', { name: '承認する' }).click());
    expect(await page.locator('.flash').innerText()).toContain('E0028');
    const links = JSON.parse((await h.cli(['links', '--json'])).stdout) as { links: { userId: string; accountId: number }[] };
    expect(links.links.find((l) => l.userId === 'E0028')?.accountId).toBe(2_000_028);
    page.once('dialog', (dialog) => void dialog.accept());
    await navigating(page, () => page.locator(`li.request[data-request="${impostor.requestId}"]`).getByRole('button', { name: /拒否する/ }).click());
    expect(await page.locator('.flash').innerText()).toContain('拒否しました');
    expect(await page.locator('li.request').count()).toBe(1);
    const invite = await page.locator('#invite-text').inputValue();
    expect(invite).toContain('himanager_notify');
    expect(await page.locator('.invitees').innerText()).toContain('E0027');
    // Words the translator fills in show a control as <U+202E> (as on a terminal); the page's own text as [U+202E].
    await checkPage(page, [...INERT_NAME, '<U+202E>逆順 表示<U+202C>', '\\x1b]0;pwned\\x07山田 悪太', '[toall]<b>至急</b>']);
    await shoot(page, 'invitations');
    await page.close();
  }, 120_000);

  it('運用: the last send-reminders run, what its exit means, and the recent runs', async () => {
    const runs = JSON.parse(`[${(await h.cli(['history', 'runs', '--json'])).stdout.trim().split('\n').join(',')}]`) as { command: string; exitCode: number }[];
    const last = runs.find((r) => r.command === 'send-reminders')!;
    // Alerts go to the hostile seed's group chat, named with a terminal escape and a formula.
    const hostileRoom = sandbox.control.rooms().find((r) => r.name.endsWith('=ROOM()'))!.room_id;
    expect((await h.cli(['alerts', 'set', `room:${hostileRoom}`])).code).toBe(0);
    const page = await h.open('/operations');
    expect(await page.locator('#last-h + p').innerText()).toContain(`終了コード${last.exitCode}`);
    // Its counts in the glossary's words, a skip by its reason as history says it.
    expect(await page.locator('#last-h ~ p.muted').first().innerText()).toMatch(/^送信済み \d+ · 失敗 0 · .*Chatworkコンタクトに未紐付け 1/);
    // The runs listed are those on record when the page was drawn: alerts set is one more.
    expect(await page.locator('.runs li').count()).toBe(runs.length + 1);
    expect(await page.locator('#alerts-h + p').innerText()).toContain(`=ROOM()」（ルームID ${hostileRoom}）`);
    // Every change made on these pages is in the audit, as made on the console (設定画面) by the OS user.
    const audit = await page.locator('ul.audit').innerText();
    expect(audit).toMatch(/（設定画面）: praiseの送信先: dm → room:\d+/);
    expect(audit).toContain('（設定画面）: E0099の紐付けを解除（アカウントID 4000001）');
    expect(audit).toContain('（設定画面）: E0028をアカウントID 2000028に紐付け');
    await checkPage(page, ['\\x1b]0;room\\x07=ROOM()']);
    await shoot(page, 'operations');
    await page.close();
  }, 120_000);
});
