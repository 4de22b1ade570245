import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/src/server.js';

export interface BrowserVisit { status: number; body: string }

/** GET over https, trusting only the CLI's own loopback certificate (as an admin who accepted it). */
export function getLoopback(url: string, configDir: string): Promise<BrowserVisit> {
  const ca = readFileSync(join(configDir, 'loopback-cert.pem'), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the admin's browser does on the consent page: press 許可する or キャンセル; returns where it is sent. */
export async function consent(sandbox: Sandbox, authorizeUrl: string, decision: 'allow' | 'deny'): Promise<string> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', decision);
  const response = await fetch(sandbox.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
  return response.headers.get('location')!;
}
