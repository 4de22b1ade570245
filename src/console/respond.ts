import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Translate } from '../i18n/translate.js';
import { html, type Html } from './html.js';
import type { ConsolePage, Download, PageContext } from './page.js';
import { SECURITY_HEADERS } from './security.js';

export function sendHtml(res: ServerResponse, status: number, body: Html, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body.html);
}

/** A refusal: a bare page, no frame (the frame would show the nav to someone without a session). */
export function refuse(res: ServerResponse, status: number, t: Translate, lang: string, text: string): void {
  sendHtml(res, status, html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t('console.forbidden.title')}</title></head>
<body><h1>${t('console.forbidden.title')}</h1><p>${text}</p></body></html>`);
}

/** post/redirect/get, and the token exchange: always to a path on this server. */
export function redirect(res: ServerResponse, to: string, headers: Record<string, string> = {}): void {
  const local = to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/';
  res.writeHead(303, { ...SECURITY_HEADERS, location: local, ...headers });
  res.end();
}

const FORM_LIMIT = 1024 * 1024;

/** A form post's fields; undefined when it is not a form or is larger than any form of the console. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The download a GET path names: `<page path>/<name>` of a page's downloads. */
export function downloadFor(pages: readonly ConsolePage[], pathname: string): ((ctx: PageContext) => Promise<Download>) | undefined {
  const slash = pathname.lastIndexOf('/');
  return pages.find((p) => p.path === pathname.slice(0, slash))?.downloads?.[pathname.slice(slash + 1)];
}

/** A file to save: an attachment with an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function sendDownload(res: ServerResponse, file: Download): void {
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    ...SECURITY_HEADERS, 'content-type': file.type,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });
  res.end(file.body);
}
