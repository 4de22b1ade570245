import { errorInWords } from '../../errors/index.js';
import type { Translate } from '../../i18n/translate.js';
import type { Block, Inline } from '../data/drawn-message.js';
import { html, type Html } from '../html.js';
import type { Said } from '../data/quiet-deps.js';
import type { ActionResult } from '../page.js';

/** The stylesheet and script of the 送信先…運用 pages, beside the frame's own (both served by the console, CSP 'self'). */
export function pageAssets(): Html {
  return html`<link rel="stylesheet" href="/assets/pages.css"><script src="/assets/pages.js" defer></script>`;
}

/** A note in place of what Chatwork was to tell (rooms, members, requests), in the CLI's words for the error. */
export function unavailable(t: Translate, error: unknown): Html {
  return html`<p class="bad" role="note">${t('pages.destinations.chatworkUnavailable', { detail: errorInWords(error, t) })}</p>`;
}

/** What the command's own code said, as the page's message after a change. */
export function saidFlash(said: Said, redirect: string, fallback: string): ActionResult {
  const text = said.lines.join('\n').trim() || fallback;
  return { redirect, flash: { kind: 'ok', text } };
}

const CHIPS: Record<Exclude<Inline, { text: string }>['chip'], string> = { to: 'TO', toall: 'TO ALL', rp: 'RE', icon: '●' };

/** A message as Chatwork draws it: every text written as text, every tag as the box or chip Chatwork shows. */
export function drawnHtml(blocks: Block[]): Html {
  return html`${blocks.map(blockHtml)}`;
}

function inlineHtml(parts: Inline[]): Html {
  return html`${parts.map((part) => ('text' in part ? html`${part.text}` : html`<span class="cw-chip">${CHIPS[part.chip]}</span> `))}`;
}

function blockHtml(block: Block): Html {
  switch (block.kind) {
    case 'line': return block.parts.length ? html`<div class="cw-line">${inlineHtml(block.parts)}</div>` : html`<div class="cw-line cw-empty"></div>`;
    case 'hr': return html`<hr class="cw-hr">`;
    case 'code': return html`<pre class="cw-code">${block.text}</pre>`;
    case 'quote': return html`<blockquote class="cw-quote">${block.body.map(blockHtml)}</blockquote>`;
    case 'info': return html`<div class="cw-info">${block.title ? html`<div class="cw-title"><span aria-hidden="true">ⓘ </span>${inlineHtml(block.title)}</div>` : html``}${block.body.map(blockHtml)}</div>`;
  }
}
