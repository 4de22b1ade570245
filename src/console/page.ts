import type { Deps } from '../deps/deps.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/translate.js';
import { html, type Html } from './html.js';

/** What a page is given for one request. */
export interface PageContext {
  deps: Deps;
  t: Translate;
  lang: 'ja' | 'en';
  /** The request's URL (its query holds the page's filters). */
  url: URL;
  /** The OS user running the console: who the audit records for every change made here. */
  actor: string;
  /** This session's anti-forgery token: every form carries it (csrfField). */
  csrf: string;
}

/** What an action answers: where the browser goes next (post/redirect/get) and what it is told there. */
export type ActionResult = { redirect: string; flash?: { kind: 'ok' | 'error'; text: string } };

export type ConsoleAction = (ctx: PageContext, form: URLSearchParams) => Promise<ActionResult>;

/**
 * One page of the console: GET `path` renders it inside the layout; POST `path/<action>` runs
 * one of its actions (after the Host, Origin, cookie and CSRF checks) and redirects.
 */
export interface ConsolePage {
  id: string;
  path: string;
  titleKey: MessageKey;
  render(ctx: PageContext): Promise<Html>;
  actions?: Record<string, ConsoleAction>;
  /** Work done once when the console starts, so that the first visit is quick (a cache filled). */
  warm?(deps: Deps): Promise<void>;
  /** GET `path/<name>`: a file to save (a CSV export), sent as an attachment, never inside the layout. */
  downloads?: Record<string, (ctx: PageContext) => Promise<Download>>;
}

/** A file a page hands to the browser to save. */
export interface Download { filename: string; type: string; body: string }

/** The hidden field every form needs: a POST without this session's token is refused. */
export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

/** A form that posts to one of the page's actions, with the CSRF field in it. */
export function actionForm(ctx: PageContext, page: ConsolePage, action: string, body: Html, attributes: Html = html``): Html {
  return html`<form method="post" action="${page.path}/${action}" ${attributes}>${csrfField(ctx)}${body}</form>`;
}
