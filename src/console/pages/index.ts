import type { ConsolePage } from '../page.js';
import { connectionPage } from './connection.js';
import { linksPage } from './links.js';

/**
 * Every page of the console, in the nav's order: 連携, 紐付け, 送信先, テンプレート, 配信状況,
 * 招待・承認, 診断, 運用. A page is one module exporting a ConsolePage; add it here, in its place.
 */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  connectionPage,
  linksPage,
  // destinationsPage (送信先), templatesPage (テンプレート), deliveriesPage (配信状況),
  // invitationsPage (招待・承認), doctorPage (診断), operationsPage (運用)
];
