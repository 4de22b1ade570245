import { neutralize } from '../delivery/notation.js';
import { createTranslator, type Lang } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/catalog.js';
import { safeCell } from '../io/csv-cells.js';
import type { HiManagerUser, NotificationType } from '../domain.js';

export interface InvitationInput {
  lang: Lang;
  account: { name: string; chatworkId: string };
  types: NotificationType[];
  people: HiManagerUser[];
}

export interface Invitation {
  subject: string;
  body: string;
  profileUrl: string;
  perPerson: { user: HiManagerUser; subject: string; body: string }[];
}

/**
 * The page a Chatwork ID opens, with the account's profile and its contact button.
 * Assumed from how Chatwork shares IDs (www.chatwork.com/<ID>); the steps in the text
 * do not depend on it.
 */
function profileUrl(chatworkId: string): string {
  return `https://www.chatwork.com/${encodeURIComponent(chatworkId)}`;
}

/**
 * What HR sends: the steps to add the notification account, and why. Every name from
 * outside (the account's, the people's) is neutralised, so that pasted into Chatwork it
 * mentions nobody and opens no box.
 */
export function buildInvitation(input: InvitationInput): Invitation {
  const t = createTranslator(input.lang);
  const account = neutralize(input.account.name);
  const url = profileUrl(input.account.chatworkId);
  const types = input.types.map((type) => t(`type.${type}` as MessageKey)).join(t('invite.nameSeparator'));
  const subject = t('invite.subject', { account });
  const body = t('invite.body', { account, chatworkId: neutralize(input.account.chatworkId), url, types });
  const perPerson = input.people.map((user) => ({
    user, subject, body: `${t('invite.greeting', { name: neutralize(user.name) })}\n\n${body}`,
  }));
  return { subject, body, profileUrl: url, perPerson };
}

/** Ready to paste into a company announcement: subject, who it is for, the text. */
export function invitationText(invitation: Invitation, lang: Lang): string {
  const t = createTranslator(lang);
  const names = invitation.perPerson.map((p) => t('invite.person', { name: neutralize(p.user.name) })).join(t('invite.nameSeparator'));
  return `${invitation.subject}\n\n${t('invite.for', { names })}\n\n${invitation.body}\n`;
}

/** One row per person, for a mail merge. */
export async function invitationCsv(invitation: Invitation, lang: Lang): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  const header = createTranslator(lang)('invite.csvHeader').split('|');
  const rows = invitation.perPerson.map((p) => [p.user.id, p.user.name, p.user.email, p.subject, p.body].map(safeCell));
  // A BOM, so that Excel reads the Japanese as UTF-8.
  return '\uFEFF' + stringify([header, ...rows], { record_delimiter: '\r\n' });
}
