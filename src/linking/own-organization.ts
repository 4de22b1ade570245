import type { Me } from '../chatwork/types.js';
import type { Config } from '../domain.js';
import { trustOf, type OrganizationTrust } from './trust.js';

/**
 * The trust of this run: the notification account's organisation as Chatwork's /me says
 * it now (never the one stored at login, nor one a dump carried), and the admin's list.
 */
export async function readTrust(config: Pick<Config, 'trustedOrganizations'>, me: () => Promise<Pick<Me, 'organization_id'>>): Promise<OrganizationTrust> {
  return trustOf(await me(), config.trustedOrganizations);
}
