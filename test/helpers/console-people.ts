import type { Contact } from '../../src/chatwork/types.js';
import type { HiManagerUser } from '../../src/domain.js';
import { generateLabelledPeople } from '../generators/people.js';

/** The sandbox's notification account's organisation (sandbox/src/seed/demo-people.ts). */
const SANDBOX_OWN_ORGANIZATION = 9_001;

/**
 * A labelled population (test/generators/people.ts) as the sandbox's contacts: the generator's
 * own organisation (id 1) becomes the sandbox account's, so trust judges it as the company's.
 */
export function sandboxPeople(count: number, seed = 42): { users: HiManagerUser[]; contacts: Contact[]; truth: Map<string, number> } {
  const people = generateLabelledPeople(count, seed);
  const contacts = people.contacts.map((c) => ({ ...c, organization_id: c.organization_id === 1 ? SANDBOX_OWN_ORGANIZATION : c.organization_id }));
  return { users: people.users, contacts, truth: people.truth };
}
