import { html } from '../html.js';
import type { ConsolePage } from '../page.js';

/** 連携: the account, its token and scopes, and what to run when the connection is broken. */
export const connectionPage: ConsolePage = {
  id: 'connection',
  path: '/connection',
  titleKey: 'console.page.connection',
  render: () => Promise.resolve(html``),
};
