import { audience } from '../../invite/audience.js';
import { matchRequests } from '../../linking/request-match.js';
import { trustOf } from '../../linking/trust.js';
import type { Check, Finding } from './finding.js';
import { trustFindings } from './trust-findings.js';
import { peopleSample } from './names.js';

/**
 * Who cannot be reached, and who asked to be: one more API call (the waiting requests),
 * whatever the number of people. The organisation is /me's, read in this run.
 */
export const INVITE_CHECKS: Check[] = [
  {
    id: 'reach', area: 'links', async run(ctx) {
      const [settings, contacts, me] = await Promise.all([ctx.settings(), ctx.contacts(), ctx.me()]);
      if (settings.users.length === 0) return [];
      const { people } = await audience(settings, contacts, trustOf(me, settings.trustedOrganizations));
      if (people.length === 0) return [];
      const sample = peopleSample(people, ctx.deps.t);
      return { status: 'warn', finding: { key: 'doctor.reach.unreachable', params: { count: people.length, sample } }, remedy: { key: 'doctor.fix.invite' } };
    },
  },
  {
    id: 'requests', area: 'links', async run(ctx): Promise<Finding[]> {
      const [settings, contacts, me] = await Promise.all([ctx.settings(), ctx.contacts(), ctx.me()]);
      const requests = await (await ctx.api()).incomingRequests();
      const trust = trustOf(me, settings.trustedOrganizations);
      const { matches } = matchRequests(settings, contacts, requests, trust, await (await ctx.store()).decisions.history());
      const auto = matches.filter((m) => m.user).length;
      const waiting: Finding = requests.length === 0 ? { status: 'ok', finding: { key: 'doctor.requests.none' } }
        : { status: 'warn', finding: { key: 'doctor.requests.pending', params: { count: requests.length, auto } }, remedy: { key: 'doctor.fix.approve' } };
      return [waiting, ...trustFindings({ trust, settings, contacts, matches }, ctx.deps.t)];
    },
  },
];
