import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { osUser } from '../io/os-user.js';
import type { Deps } from '../deps/deps.js';
import { CliError, renderError } from '../errors/index.js';
import { asset } from './assets.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { ConsolePage, PageContext } from './page.js';
import { downloadFor, readForm, redirect, refuse, sendDownload, sendHtml } from './respond.js';
import { cookieValue, hostAllowed, originAllowed, sameSecret, SECURITY_HEADERS } from './security.js';
import { Sessions, type Session } from './session.js';

export interface ConsoleServerOptions {
  deps: Deps;
  pages: readonly ConsolePage[];
  /** 0: any free port. */
  port: number;
  /** Stops by itself after this long without a request. */
  idleMs: number;
}

export interface ConsoleServer {
  port: number;
  /** The one-time key of the printed URL. */
  token: string;
  /** Resolves when the server stopped by itself (idle) or was closed. */
  stopped: Promise<'idle' | 'closed'>;
  close(): Promise<void>;
}


/** The console's HTTP server, on 127.0.0.1 only. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { deps, pages } = options;
  const { t } = deps;
  const lang = deps.env.lang;
  const actor = osUser();
  let settle!: (how: 'idle' | 'closed') => void;
  const stopped = new Promise<'idle' | 'closed'>((resolve) => { settle = resolve; });
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => void close('idle'), options.idleMs);
    idle.unref();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    touch();
    if (!hostAllowed(req)) return refuse(res, 403, t, lang, t('console.forbidden.host'));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('token');
    if (req.method === 'GET' && key !== null) {
      const id = sessions.exchange(key);
      if (!id) return refuse(res, 403, t, lang, t('console.forbidden.session'));
      url.searchParams.delete('token');
      return redirect(res, url.pathname + url.search, { 'set-cookie': `${sessions.cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/` });
    }
    const session = sessions.find(cookieValue(req, sessions.cookieName));
    if (!session) return refuse(res, 403, t, lang, t('console.forbidden.session'));
    const ctx: PageContext = { deps, t, lang, url, actor, csrf: session.csrf };
    if (req.method === 'POST') return post(req, res, ctx, session);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, t, lang, t('console.notFound'));
    const file = await asset(url.pathname);
    if (file) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type });
      return void res.end(file.body);
    }
    if (url.pathname === '/') return redirect(res, pages[0]?.path ?? '/');
    const download = downloadFor(pages, url.pathname);
    if (download) return sendDownload(res, await download(ctx));
    const page = pages.find((p) => p.path === url.pathname);
    if (!page) return sendHtml(res, 404, layout(ctx, pages, undefined, html`<p>${t('console.notFound')}</p>`));
    const body = await page.render(ctx);
    // The flash is for the page the browser goes to: a script's fetch of a page (the live preview) leaves it there.
    const navigation = (req.headers['sec-fetch-mode'] ?? 'navigate') === 'navigate';
    sendHtml(res, 200, layout(ctx, pages, page, body, navigation ? sessions.takeFlash(session) : undefined));
  };

  // One change at a time in this process: a page checks the version it showed and then writes,
  // and another tab's change may not land between the two.
  let writing: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = writing.then(work, work);
    writing = next.catch(() => undefined);
    return next;
  };
  const post = async (req: IncomingMessage, res: ServerResponse, ctx: PageContext, session: Session): Promise<void> => {
    if (!originAllowed(req)) return refuse(res, 403, t, lang, t('console.forbidden.origin'));
    const form = await readForm(req);
    if (!form || !sameSecret(form.get('_csrf') ?? undefined, session.csrf)) return refuse(res, 403, t, lang, t('console.forbidden.csrf'));
    const slash = ctx.url.pathname.lastIndexOf('/');
    const page = pages.find((p) => p.path === ctx.url.pathname.slice(0, slash));
    const action = page?.actions?.[ctx.url.pathname.slice(slash + 1)];
    if (!page || !action) return refuse(res, 404, t, lang, t('console.notFound'));
    const back = page.path + (form.get('_back')?.startsWith('?') ? form.get('_back')! : '');
    try {
      const result = await oneAtATime(() => action(ctx, form));
      session.flash = result.flash;
      redirect(res, result.redirect);
    } catch (error) {
      // A refusal of the domain code (a usage error, a lock held) is shown where the change was asked for.
      if (!(error instanceof CliError)) throw error;
      session.flash = { kind: 'error', text: renderError(error, t, false).join('\n') };
      redirect(res, back);
    }
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const lines = error instanceof CliError ? renderError(error, t, false) : [String((error as Error)?.message ?? error)];
      refuse(res, 500, t, lang, t('console.failed', { message: lines.join(' ') }));
    }).finally(() => {
      // The path only: a query may hold the one-time key.
      deps.io.verbose(`console: ${req.method} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname} ${res.statusCode} ${Date.now() - started}ms`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port, exclusive: true }, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as { port: number }).port;
  const sessions = new Sessions(port);
  touch();
  // Caches filled in the background: a page that needs one waits for the same work, never twice.
  const warmStarted = Date.now();
  void Promise.all(pages.map((page) => (page.warm ? page.warm(deps).catch(() => undefined) : Promise.resolve())))
    .then(() => deps.io.verbose(`console: ready ${Date.now() - warmStarted}ms`));
  let closing: Promise<void> | undefined;
  const close = (how: 'idle' | 'closed') => (closing ??= new Promise<void>((resolve) => {
    clearTimeout(idle);
    server.closeAllConnections();
    server.close(() => { settle(how); resolve(); });
  }));
  return { port, token: sessions.token, stopped, close: () => close('closed') };
}
