import { html, type Html } from './html.js';
import type { ActionResult, ConsolePage, PageContext } from './page.js';

type Flash = NonNullable<ActionResult['flash']>;

/** Where the frame's assets are served: both ship in the package (assets/console), no other host. */
export const ASSET_PATHS = { css: '/assets/console.css', js: '/assets/console.js' } as const;

/**
 * The frame of every page: a skip link, the pages as a nav (the current one marked for screen
 * readers), the flash of the last change as a live region, then the page. One column that
 * reflows: nothing needs a wide screen (no horizontal scroll at 640 CSS px, 200 % zoom).
 */
export function layout(ctx: PageContext, pages: readonly ConsolePage[], current: ConsolePage | undefined, body: Html, flash?: Flash): Html {
  const { t } = ctx;
  const title = current ? `${t(current.titleKey)} - ${t('console.title')}` : t('console.title');
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${ASSET_PATHS.css}">
<script src="${ASSET_PATHS.js}" defer></script>
</head>
<body>
<a class="skip" href="#main">${t('console.skip')}</a>
<header class="top">
<p class="brand">${t('console.title')}</p>
<nav aria-label="${t('console.navLabel')}"><ul>
${pages.map((page) => html`<li><a href="${page.path}"${page === current ? html` aria-current="page"` : html``}>${t(page.titleKey)}</a></li>\n`)}
</ul></nav>
</header>
<main id="main" tabindex="-1">
${flash ? html`<div class="flash flash-${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}" aria-label="${t('console.flashLabel')}">${flash.text}</div>` : html``}
${current ? html`<h1>${t(current.titleKey)}</h1>` : html``}
${body}
</main>
<footer class="foot"><p>${t('console.actor', { actor: ctx.actor })}</p></footer>
</body>
</html>
`;
}
