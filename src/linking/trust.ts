/**
 * Who may be approved or linked without a person looking: decided by the numeric
 * organisation id Chatwork reports, never by a name anyone can type. The notification
 * account's own id comes from /me at the start of the run; the admin may add others
 * (`contacts trust-org`), for a company spread over several Chatwork organisations.
 */
export interface OrganizationTrust {
  /** The notification account's organization_id as /me gave it this run; anything but a positive integer is unknown. */
  own: number | undefined;
  /** Organisations an admin added to the trusted list. */
  trusted: readonly number[];
}

export type OrganizationVerdict = 'own' | 'trusted' | 'other' | 'none' | 'ownUnknown';

/** Why a candidate is left for a person; each is shown in the review. */
export type NotAutomatic = 'ownOrganizationUnknown' | 'noOrganization' | 'otherOrganization' | 'ambiguous' | 'none';

/** What the name matcher found for one requester or contact. */
export type NameMatch = 'unambiguous' | 'ambiguous' | 'none';

/** An organisation id as Chatwork gives one: a positive integer. 0, absent, negative or fractional is no organisation. */
function isOrganizationId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function judgeOrganization(trust: OrganizationTrust, organizationId: number | undefined): OrganizationVerdict {
  // Without our own organisation nobody can be told from a stranger, whatever the trusted list says.
  if (!isOrganizationId(trust.own)) return 'ownUnknown';
  if (!isOrganizationId(organizationId)) return 'none';
  if (organizationId === trust.own) return 'own';
  return trust.trusted.includes(organizationId) ? 'trusted' : 'other';
}

/** Whether someone of this organisation counts as the company's, for automatic decisions. */
export function mayDecideAlone(trust: OrganizationTrust, organizationId: number | undefined): boolean {
  const verdict = judgeOrganization(trust, organizationId);
  return verdict === 'own' || verdict === 'trusted';
}

/**
 * The one rule for `contacts approve --auto` and `link --auto`: automatic only for an
 * unambiguous name match from a trusted organisation. Returns why not, or undefined when
 * automatic. The organisation is named first: it is what no name can make up for.
 */
export function whyNotAutomatic(trust: OrganizationTrust, organizationId: number | undefined, match: NameMatch): NotAutomatic | undefined {
  const verdict = judgeOrganization(trust, organizationId);
  if (verdict === 'ownUnknown') return 'ownOrganizationUnknown';
  if (verdict === 'none') return 'noOrganization';
  if (verdict === 'other') return 'otherOrganization';
  if (match === 'ambiguous') return 'ambiguous';
  if (match === 'none') return 'none';
  return undefined;
}

/** The trust of this run: /me's organisation, read now, and the admin's list. */
export function trustOf(me: { organization_id?: number }, trustedOrganizations: readonly number[] | undefined): OrganizationTrust {
  return { own: isOrganizationId(me.organization_id) ? me.organization_id : undefined, trusted: trustedOrganizations ?? [] };
}

/** whyNotAutomatic for a link suggestion: a contact the matcher found for an unlinked user. */
export function whyNotLinked(trust: OrganizationTrust, candidate: { contact: { organization_id: number }; unambiguous: boolean }): NotAutomatic | undefined {
  return whyNotAutomatic(trust, candidate.contact.organization_id, candidate.unambiguous ? 'unambiguous' : 'ambiguous');
}

/** An organisation id as an admin types it: digits only, no sign, no leading zero, within a safe integer. */
export function parseOrganizationId(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[1-9][0-9]*$/.test(trimmed)) return undefined;
  const id = Number(trimmed);
  return Number.isSafeInteger(id) ? id : undefined;
}
