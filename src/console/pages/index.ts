import type { ConsolePage } from '../page.js';
import { connectionPage } from './connection.js';
import { linksPage } from './links.js';
import { destinationsPage } from './destinations.js';
import { templatesPage } from './templates.js';
import { deliveriesPage } from './deliveries.js';
import { invitationsPage } from './invitations.js';
import { diagnosisPage } from './diagnosis.js';
import { operationsPage } from './operations.js';

/**
 * Every page of the console, in the nav's order: 連携, 紐付け, 送信先, テンプレート, 配信状況,
 * 招待・承認, 診断, 運用. A page is one module exporting a ConsolePage; add it here, in its place.
 */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  connectionPage,
  linksPage,
  destinationsPage,
  templatesPage,
  deliveriesPage,
  invitationsPage,
  diagnosisPage,
  operationsPage,
];
