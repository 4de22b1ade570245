import { createHash } from 'node:crypto';
import type { Contact } from '../../chatwork/types.js';
import type { HiManagerUser, Link } from '../../domain.js';
import type { Rejections } from '../../store/rejections.js';
import type { OrganizationTrust } from '../../linking/trust.js';

interface Inputs { users: HiManagerUser[]; contacts: Contact[]; links: Record<string, Link>; trust: OrganizationTrust; rejected: Rejections | undefined }

let last: { key: string; result: Promise<unknown> } | undefined;

/** Everything the matcher reads, hashed: the same inputs give the same suggestions. */
function keyOf(inputs: Inputs): string {
  const hash = createHash('sha256');
  for (const u of inputs.users) hash.update(`${u.id}\u0000${u.name}\u0000${u.reading ?? ''}\u0000${u.email}\u0000${u.department ?? ''}\u0000${u.status ?? ''}\u0001`);
  hash.update('\u0002');
  for (const c of inputs.contacts) hash.update(`${c.account_id}\u0000${c.name}\u0000${c.organization_id}\u0000${c.department}\u0001`);
  hash.update('\u0002');
  for (const [userId, link] of Object.entries(inputs.links).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${userId}\u0000${link.accountId}\u0001`);
  hash.update('\u0002');
  for (const [userId, accounts] of [...(inputs.rejected ?? [])].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${userId}\u0000${[...accounts].sort().join(',')}\u0001`);
  hash.update(`\u0002${inputs.trust.own ?? ''}\u0000${inputs.trust.trusted.join(',')}`);
  return hash.digest('hex');
}

/**
 * What is drawn from the matcher's suggestions (the same call as `link --auto` and `link
 * --review`), kept while nothing it reads has changed: at 5,000 people a match takes seconds, and
 * a page is drawn far more often than the directory, the links, the rejections or the contacts
 * change. Any change, from this console, another tab or a command, changes the key: made again.
 */
export function cachedByInputs<T>(inputs: Inputs, compute: () => T): Promise<T> {
  const key = keyOf(inputs);
  if (last?.key !== key) {
    const result = Promise.resolve().then(compute);
    last = { key, result };
    result.catch(() => { if (last?.key === key) last = undefined; });
  }
  return last.result as Promise<T>;
}
