import { html } from '../html.js';
import type { ConsolePage } from '../page.js';

/** 紐付け: every HiManager user with their Chatwork account or candidates, and the reach funnel. */
export const linksPage: ConsolePage = {
  id: 'links',
  path: '/links',
  titleKey: 'console.page.links',
  render: () => Promise.resolve(html``),
};
