import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { chromium, launchChromium } from '../helpers/browser.js';
import { TEXT_LOG_LINE } from '../../src/logging/log-line.js';
import { BIN } from '../helpers/run-cli.js';

describe.skipIf(!chromium.available)('login end to end: the real binary, headless Chromium, the https loopback', () => {
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

  it('clicks 許可する on the consent page and lands on the CLI, which logs in', async () => {
    const redirectUri = 'https://127.0.0.1:18977/oauth2/chatwork/';
    const client = sandbox.control.registerClient({ name: 'HiManager', redirectUris: [redirectUri] });
    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-e2e-'));
    const child = spawn(process.execPath, [BIN, '--config-dir', configDir, '--secret-store', 'file', 'auth', 'login',
      '--client-id', client.clientId, '--redirect-uri', redirectUri, '--no-browser'], {
      env: { ...process.env, ...sandbox.env, LANG: 'ja_JP.UTF-8', HIMANAGER_CHATWORK_CLIENT_SECRET: client.clientSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const authorizeUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(stderr)), 15_000);
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        // Off a terminal the line starts with the log's time, run id and level: the URL is its message.
        const line = stderr.split('\n').map((l) => TEXT_LOG_LINE.exec(l)?.[4] ?? l).find((l) => l.startsWith('http://127.0.0.1'));
        if (line) { clearTimeout(timer); resolve(line); }
      });
    });
    // The admin accepts the certificate warning for 127.0.0.1, as the CLI told them to.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(authorizeUrl);
    await page.getByRole('button', { name: '許可する' }).click();
    await page.waitForURL(/^https:\/\/127\.0\.0\.1:18977\/oauth2\/chatwork\//);
    expect(await page.textContent('h1')).toBe('連携が完了しました');
    expect(page.url()).not.toContain('code=');
    await page.screenshot({ path: '/tmp/hmcw-login-success.png' });
    expect(await exit).toBe(0);
    expect(stderr).toContain('連携アカウント: HiManager通知、アカウントID 1000001）。通知はこのアカウントから送信されます。');
    await context.close();
  });
});
