import { audience } from '../invite/audience.js';
import { matchRequests } from '../linking/request-match.js';
import type { Check, Finding } from './finding.js';

/**
 * Who cannot be reached, and who asked to be: one more API call (the waiting requests),
 * whatever the number of people.
 */
export const INVITE_CHECKS: Check[] = [
  {
    id: 'reach', area: 'links', async run(ctx) {
      const [settings, contacts] = await Promise.all([ctx.settings(), ctx.contacts()]);
      if (settings.users.length === 0) return [];
      const { people } = await audience(settings, contacts);
      if (people.length === 0) return [];
      const ids = people.map((u) => u.id);
      const sample = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ' …' : '');
      return { status: 'warn', finding: { key: 'doctor.reach.unreachable', params: { count: ids.length, sample } }, remedy: { key: 'doctor.fix.invite' } };
    },
  },
  {
    id: 'requests', area: 'links', async run(ctx): Promise<Finding> {
      const [settings, contacts, me] = await Promise.all([ctx.settings(), ctx.contacts(), ctx.me()]);
      const requests = await (await ctx.api()).incomingRequests();
      if (requests.length === 0) return { status: 'ok', finding: { key: 'doctor.requests.none' } };
      const org = settings.account?.organizationName || me.organization_name || undefined;
      const auto = matchRequests(settings, contacts, requests, org).matches.filter((m) => m.user).length;
      return { status: 'warn', finding: { key: 'doctor.requests.pending', params: { count: requests.length, auto } }, remedy: { key: 'doctor.fix.approve' } };
    },
  },
];
