import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { parseOrganizationId } from '../../../linking/trust.js';

export interface TrustOrgOptions { organization_id?: string; remove?: boolean; json?: boolean }

/**
 * `contacts trust-org [<organization_id>] [--remove]`: the organisations, besides the
 * notification account's own, whose people may be approved and linked automatically. The
 * id is checked before the store is opened for writing: bad input changes nothing.
 */
export async function run(options: TrustOrgOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const raw = options.organization_id;
  if (raw === undefined && options.remove) throw new UsageError('trustOrg.needId');
  const store = await deps.stores.state();
  if (raw === undefined) {
    const trusted = (await store.config.get()).trustedOrganizations ?? [];
    if (options.json) return io.json({ trusted });
    if (trusted.length === 0) return io.err(t('trustOrg.none'));
    io.err(t('trustOrg.listTitle', { count: trusted.length }));
    for (const id of trusted) io.out(String(id));
    return;
  }
  const id = parseOrganizationId(raw);
  if (id === undefined) throw new UsageError('trustOrg.badId', { value: raw });
  const done: { outcome: 'added' | 'already' | 'removed' } = { outcome: 'added' };
  // Read, change and write in one transaction: a concurrent change to the list is kept.
  const config = await store.config.update((config) => {
    const list = config.trustedOrganizations ?? [];
    if (options.remove) {
      if (!list.includes(id)) throw new UsageError('trustOrg.notListed', { id });
      done.outcome = 'removed';
      const rest = list.filter((other) => other !== id);
      if (rest.length) config.trustedOrganizations = rest;
      else delete config.trustedOrganizations;
    } else if (list.includes(id)) done.outcome = 'already';
    else config.trustedOrganizations = [...list, id].sort((a, b) => a - b);
  });
  const { outcome } = done;
  if (options.json) return io.json({ [outcome]: id, trusted: config.trustedOrganizations ?? [] });
  io.err(t(`trustOrg.${outcome}`, { id }));
}
