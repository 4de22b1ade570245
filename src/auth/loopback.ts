import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createTranslator, type Lang, type MessageKey } from '../i18n/translate.js';
import { checkRedirect, type RedirectResult } from './redirect.js';

export interface LoopbackOptions {
  redirectUri: string;
  expectedState: string;
  tls?: { cert: string; key: string };
  lang: Lang;
  /** Told of each request that came with the wrong state: the CLI keeps waiting. */
  onRejected?(reason: 'wrong-state'): void;
}

/** What the browser is told once the code has been exchanged (or not). */
type LoopbackVerdict = 'success' | 'invalidClient' | 'failed';

export interface Loopback {
  result: Promise<RedirectResult>;
  /**
   * Answers the browser that brought the code: it waits until the code has been exchanged,
   * so that the page never says the connection worked when the token endpoint said no.
   */
  answer(verdict: LoopbackVerdict): void;
  close(): Promise<void>;
}

/** Only loopback hosts are listened on; any other redirect URI means paste mode only. */
export function loopbackHost(redirectUri: string): string | undefined {
  const host = new URL(redirectUri).hostname;
  if (host === '127.0.0.1' || host === 'localhost') return '127.0.0.1';
  if (host === '[::1]') return '::1';
  return undefined;
}

/**
 * Listens on the redirect URI's host and port, only for as long as it waits, and answers
 * only the callback path. Resolves with the first redirect whose state matches.
 */
export async function listenForRedirect(options: LoopbackOptions): Promise<Loopback> {
  const uri = new URL(options.redirectUri);
  const host = loopbackHost(options.redirectUri);
  if (!host) throw new Error(`not a loopback redirect URI: ${options.redirectUri}`);
  const https = uri.protocol === 'https:';
  const port = Number(uri.port || (https ? 443 : 80));
  const path = uri.pathname;
  let settle!: (result: RedirectResult) => void;
  const result = new Promise<RedirectResult>((resolve) => { settle = resolve; });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path) return page(res, 404, options.lang, 'notFound');
    const check = checkRedirect(url.searchParams, options.expectedState);
    if (check.kind === 'wrong-state') {
      options.onRejected?.('wrong-state');
      return page(res, 400, options.lang, 'wrongState');
    }
    if (check.kind === 'not-a-redirect') return page(res, 400, options.lang, 'notFound');
    if (check.kind === 'code' && !waiting) {
      waiting = res;
    } else {
      page(res, 200, options.lang, check.kind === 'code' ? 'pending' : 'denied');
    }
    settle(check);
  };
  let waiting: ServerResponse | undefined;
  const answer = (verdict: LoopbackVerdict) => {
    const res = waiting;
    if (!res || res.writableEnded) return;
    page(res, verdict === 'success' ? 200 : 400, options.lang, verdict);
  };
  const server: Server = https
    ? (await import('node:https')).createServer({ cert: options.tls!.cert, key: options.tls!.key }, handler)
    : (await import('node:http')).createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    result,
    answer,
    close: () => new Promise<void>((resolve) => {
      answer('failed');
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The page for each answer: a title, and a line of text (none for a path that is not the callback). */
const PAGES = {
  success: ['loopback.success.title', 'loopback.success.text'],
  invalidClient: ['loopback.invalidClient.title', 'loopback.invalidClient.text'],
  failed: ['loopback.failed.title', 'loopback.failed.text'],
  pending: ['loopback.pending.title', 'loopback.pending.text'],
  denied: ['loopback.denied.title', 'loopback.denied.text'],
  wrongState: ['loopback.wrongState.title', 'loopback.wrongState.text'],
  notFound: ['loopback.notFound.title', undefined],
} as const satisfies Record<string, readonly [MessageKey, MessageKey | undefined]>;

function page(res: ServerResponse, status: number, lang: Lang, which: keyof typeof PAGES): void {
  const t = createTranslator(lang);
  const [titleKey, textKey] = PAGES[which];
  const title = t(titleKey);
  const text = textKey ? t(textKey) : '';
  // The inline script only clears the code from the address bar and history.
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:4rem auto;color:#333}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1><p>${text}</p><script>history.replaceState(null, '', location.pathname)</script></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
    connection: 'close',
  });
  res.end(html);
}
