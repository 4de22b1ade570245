import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { chromium } from '../helpers/browser.js';
import { startConsole, type ConsoleHarness } from '../helpers/console.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { clockAt } from '../helpers/shifted-clock.js';
import { withStore } from '../helpers/state.js';

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>[To:1000001]';
const SHOTS = join(import.meta.dirname, '../../docs/console');

/**
 * 配信状況 and 紐付け show what the follow-up rounds and leave add: a survey with a 3,1,0
 * schedule, sent on its days by send-reminders on a driven clock (clockAt), one person who
 * answered and one on leave. The page's figures are `reminders stats`' own, its coming rounds
 * the days send-reminders would send them; the person on leave shows it next to their name.
 */
describe.skipIf(!chromium.available)('console: follow-up schedules, campaign figures and leave in headless Chromium', () => {
  let sandbox: Sandbox;
  let h: ConsoleHarness;
  let users: string[];
  const clock = clockAt('2026-11-30T09:00:00+09:00');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(5) });
    const login = await loggedInConfigDir(sandbox, 'sqlite');
    users = await linkAllContacts(sandbox, login.configDir);
    // Reminders wait for the window (09:00-18:00 Tokyo, weekends and holidays closed).
    await withStore(login.configDir, (store) => store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; }));
    h = await startConsole({ sandbox, config: login, clock });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await sandbox?.stop();
  });

  const must = async (args: string[]) => {
    const result = await h.cli(args);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };

  it('a 3,1,0 schedule, two rounds sent: the figures per round, answered, pending, skipped on leave, and the coming rounds with their dates; the leave on 紐付け', async () => {
    const [answered, p1, p2, p3, onLeave] = users as [string, string, string, string, string];
    const file = join(h.configDir, 'reminders.json');
    const reminder = (to: string[]) => ({ id: 's1', type: 'survey', to, title: '12月サーベイ', due: '2026-12-10', url: 'https://example.com/s1' });
    const survey = (to: string[]) => writeFileSync(file, JSON.stringify([reminder(to)]));
    await must(['reminders', 'schedule', 'survey', '--days-before', '3,1,0']);
    await must(['users', 'leave', onLeave, '--from', '2026-11-30', '--until', '2027-03-31', '--reason', '育休']);
    // Tuesday 12-01: the first message to everyone but the person on leave (due before they are back: skipped).
    // With it, once, a reminder titled as an adversary would (to the person on leave only: nothing is sent for it).
    writeFileSync(file, JSON.stringify([reminder([answered, p1, p2, p3, onLeave]), { id: 'h1', type: 'survey', to: [onLeave], title: HOSTILE, due: '2026-12-10' }]));
    clock.jump('2026-12-01T09:05:00+09:00');
    await must(['send-reminders', '--input', file]);
    // Monday 12-07 (d3): the export no longer lists one person, who answered; the three others get d3.
    survey([p1, p2, p3, onLeave]);
    clock.jump('2026-12-07T09:05:00+09:00');
    await must(['send-reminders', '--input', file]);

    const stats = JSON.parse((await must(['reminders', 'stats', 's1', '--json'])).stdout) as { reminders: Record<string, unknown>[] };
    expect(stats.reminders[0]).toMatchObject({ asked: 4, messages: { '': 4, d3: 3 }, answeredAfter: { '': 1 }, answered: 1, pending: 4, skipped: { 'on-leave': 1 }, failed: 0 });

    const page = await h.open('/deliveries');
    expect(await page.locator('.schedules li[data-type="survey"]').innerText()).toBe('サーベイ: 期限の3,1,0日前（前回の送信から20時間以上あけます）');
    const coming = page.locator('.coming-reminder[data-reminder="s1"]');
    expect(await coming.locator('h4').innerText()).toBe('s1「12月サーベイ」（回答期限: 2026-12-10、未回答4人）');
    const rounds = await coming.locator('li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-round'), li.getAttribute('data-date'), li.querySelector('time')!.getAttribute('datetime')]));
    expect(rounds).toEqual([['d1', '2026-12-09', '2026-12-09T09:00:00+09:00'], ['d0', '2026-12-10', '2026-12-10T09:00:00+09:00']]);
    expect(await coming.innerText()).toMatch(/期限1日前の再送[\s\S]*期限当日の再送/);
    const figures = await page.locator('.figure[data-reminder="s1"] li').allInnerTexts();
    expect(figures).toEqual([
      '送信した人: 4人', '回ごとのメッセージ: 初回4、期限の3日前3', '回答: 1人（初回1）', '未回答: 4人',
      'スキップ: 休職中で、復帰日より前に期限を迎えるため1', '失敗: 0人',
    ]);
    // The hostile title is text in the figures and in the coming rounds, never markup.
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('.coming-reminder[data-reminder="h1"] h4').innerText()).toContain(HOSTILE);
    expect(await page.locator('.figure[data-reminder="h1"] h4').innerText()).toContain(HOSTILE);
    expect(await page.locator('section[aria-labelledby="campaign-h"] script, section[aria-labelledby="campaign-h"] img').count()).toBe(0);
    await page.locator('#campaign-h').scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.locator('section[aria-labelledby="campaign-h"]').screenshot({ path: join(SHOTS, 'campaign.png') });

    // 紐付け: the person on leave, with the last day and the reason; the others without a mark.
    const links = await h.open('/links');
    expect(await links.locator(`#p-${onLeave} h3 .leave`).innerText()).toBe('休職中（〜2027-03-31、育休）');
    expect(await links.locator(`#p-${answered} h3 .leave`).count()).toBe(0);
    // The leave ended: the mark goes with it.
    await must(['users', 'leave', onLeave, '--clear']);
    await links.reload();
    expect(await links.locator(`#p-${onLeave} h3 .leave`).count()).toBe(0);
  }, 180_000);
});
