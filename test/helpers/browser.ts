import type { Browser } from 'playwright-core';
import { systemTool } from './system.js';

export const chromium = systemTool('chromium', 'chromium');

/**
 * Debian's Chromium, headless. The background-networking flags matter here: without
 * them Chromium tries to reach Google's hosts at start, and this machine has no network.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium: playwright } = await import('playwright-core');
  return playwright.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
