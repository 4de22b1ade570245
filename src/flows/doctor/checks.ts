import { CHATWORK_CHECKS, ENDPOINT_CHECKS } from './checks-chatwork.js';
import { DELIVERY_CHECKS } from './checks-delivery.js';
import { LINK_CHECKS } from './checks-links.js';
import { RUNTIME_CHECKS } from './checks-runtime.js';
import { INVITE_CHECKS } from './checks-invite.js';
import { ADMIN_CHECKS } from './checks-admin.js';
import { RUN_CHECKS } from './checks-runs.js';
import { ROUND_CHECKS } from './checks-rounds.js';
import { ANSWERED_CHECKS } from './checks-answered.js';
import type { Check } from './finding.js';

export { type Area, type Check, type Status } from './finding.js';

/** Every check doctor runs, in the order of its --json output; each area's checks are in checks-<area>.ts. */
export const CHECKS: Check[] = [
  ...RUNTIME_CHECKS,
  ...CHATWORK_CHECKS,
  ...LINK_CHECKS,
  ...DELIVERY_CHECKS,
  ...ROUND_CHECKS,
  ...RUN_CHECKS,
  ...ANSWERED_CHECKS,
  ...ENDPOINT_CHECKS,
  ...INVITE_CHECKS,
  ...ADMIN_CHECKS,
];
