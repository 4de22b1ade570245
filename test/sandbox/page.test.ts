import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { chromium, launchChromium } from '../helpers/browser.js';
import { authorize } from '../helpers/oauth-browser.js';

describe.skipIf(!chromium.available)('sandbox page in headless Chromium', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  beforeAll(async () => {
    sandbox = await startSandbox();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('renders To, info/title and hr as a recipient sees them, escapes HTML, and updates live', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.url}/`);
    await page.waitForSelector('section[data-room]');
    expect(await page.textContent('header')).toContain('Chatwork サンドボックス');

    const token = (await authorize(sandbox)).access_token;
    const room = [...sandbox.control.state.rooms.values()].find((r) => r.name === '全社連絡')!.room_id;
    const body = '[To:2000001]山田太郎さん\n[info][title]サーベイのお願い[/title]回答期限: 2026年12月1日（火）[hr]<script>alert(1)</script>[/info]';
    await fetch(`${sandbox.apiUrl}/rooms/${room}/messages`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new URLSearchParams({ body }),
    });
    // No reload: the page hears of the message over /_sandbox/events.
    const message = page.locator(`section[data-room="${room}"] .msg`).first();
    await message.waitFor({ timeout: 5_000 });
    expect(await message.locator('.to').getAttribute('data-to')).toBe('2000001');
    expect(await message.locator('.info .title').textContent()).toBe('サーベイのお願い');
    expect(await message.locator('.info hr').count()).toBe(1);
    expect(await message.locator('.info').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(1);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/hmcw-sandbox-page.png`, fullPage: true });
  });
});
