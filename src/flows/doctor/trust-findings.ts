import type { Contact } from '../../chatwork/types.js';
import type { Settings } from '../../domain.js';
import type { Translate } from '../../i18n/translate.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { suggestLinks } from '../../linking/matcher.js';
import type { RequestMatch } from '../../linking/request-match.js';
import { whyNotLinked, type NotAutomatic, type OrganizationTrust } from '../../linking/trust.js';
import { ok, warn, type Finding } from './finding.js';

const ORDER: NotAutomatic[] = ['ownOrganizationUnknown', 'noOrganization', 'otherOrganization', 'ambiguous', 'none'];

/** "another organisation 1, no organisation 2": how many were left for a person, by reason. */
function reasonsText(whys: NotAutomatic[], t: Translate): string {
  return ORDER.filter((why) => whys.includes(why))
    .map((why) => t(`doctor.trust.reason.${why}` as MessageKey, { count: whys.filter((w) => w === why).length })).join(t('send.nameSeparator'));
}

/**
 * Whom automatic approval and linking trust (the account's organisation as /me gave it now,
 * and the admin's list), and why waiting requests and possible links were left for a person.
 */
export function trustFindings(input: { trust: OrganizationTrust; settings: Pick<Settings, 'users' | 'links' | 'rejected'>; contacts: Contact[]; matches: RequestMatch[] }, t: Translate): Finding[] {
  const { trust, settings, contacts, matches } = input;
  const trusted = trust.trusted.length ? trust.trusted.join(t('send.nameSeparator')) : t('doctor.trust.noOthers');
  const found = [trust.own === undefined ? warn('doctor.trust.ownUnknown', { trusted }, 'doctor.fix.ownUnknown') : ok('doctor.trust.ok', { own: trust.own, trusted })];
  const requestsLeft = matches.flatMap((m) => (m.why === 'match' ? [] : [m.why]));
  if (requestsLeft.length) found.push(warn('doctor.trust.requestsLeft', { count: requestsLeft.length, reasons: reasonsText(requestsLeft, t) }, 'doctor.fix.review'));
  const linksLeft = suggestLinks(settings.users, contacts, settings.links, trust, { rejected: settings.rejected }).suggestions.flatMap((s) => whyNotLinked(trust, s) ?? []);
  if (linksLeft.length) found.push(warn('doctor.trust.linksLeft', { count: linksLeft.length, reasons: reasonsText(linksLeft, t) }, 'doctor.fix.review'));
  return found;
}

