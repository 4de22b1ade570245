import { neutralize } from '../delivery/notation.js';
import type { Translate } from '../i18n/translate.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { NotAutomatic } from './trust.js';

/**
 * Another organisation as the review shows it: its name is whatever its owner typed, so it
 * is neutralised like every outside text (Chatwork notation made inert here; terminal controls
 * made visible by the translator), and the id, which no one can choose, stands beside it.
 */
export function organizationLabel(from: { organization_name: string; organization_id: number }, t: Translate): { org: string; id: number } {
  return { org: from.organization_name ? neutralize(from.organization_name) : t('trust.noName'), id: from.organization_id };
}

/** Why link --auto left a candidate for a person, as a short phrase for its review table. */
export function linkWhyText(why: NotAutomatic | undefined, contact: { organization_name: string; organization_id: number }, t: Translate): string {
  if (why === undefined) return '-';
  if (why === 'otherOrganization') return t('trust.link.otherOrganization', organizationLabel(contact, t));
  return t(`trust.link.${why}` as MessageKey);
}
