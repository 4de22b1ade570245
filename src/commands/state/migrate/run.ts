import type { Deps } from '../../../deps.js';
import { CliError, UsageError } from '../../../errors.js';
import { assertEmpty, countsOf } from '../../../state/copy.js';
import { openStore, resolveStoreLocation } from '../../../store/open.js';
import type { SecretName } from '../../../store/secrets/secret-store.js';

export interface StateMigrateOptions { to?: string; force?: boolean }

const SECRETS: SecretName[] = ['client-secret', 'tokens'];

/**
 * Copies everything to another store (the laptop's file to a shared PostgreSQL, say) and checks
 * the counts. Secrets go along: encrypted into a shared database, or into this install's
 * keychain or file when the target is local. The source is left as it was.
 */
export async function run(options: StateMigrateOptions, deps: Deps): Promise<void> {
  const { io, t, env, clock } = deps;
  if (!options.to) throw new UsageError('state.needTo');
  const location = resolveStoreLocation(options.to, env.configDir, '--to');
  const source = await deps.stores.state();
  const sameFile = location.backend === 'sqlite' && source.info.backend === 'sqlite' && location.path === source.info.location;
  if (sameFile) throw new UsageError('state.sameStore', { location: source.info.location });
  const { store: target } = await openStore(location, { clock, configDir: env.configDir, stateKey: env.stateKey, fenceTimings: env.fenceTimings });
  try {
    if (!options.force) await assertEmpty(target);
    const { records: copied } = await target.restore(source.exportRecords(), { trustAccount: true });
    const [want, got] = await Promise.all([countsOf(source), countsOf(target)]);
    const differs = Object.keys(want).filter((key) => want[key] !== got[key]);
    if (!options.force && differs.length) {
      throw new CliError('state.migrateMismatch', { fields: differs.map((key) => `${key} ${want[key]} → ${got[key]}`).join(', ') });
    }
    const secrets = await deps.stores.secrets();
    let moved = 0;
    for (const name of SECRETS) {
      const value = await secrets.get(name);
      if (value === undefined) continue;
      if (target.secrets) await target.secrets.set(name, value);
      else await (await localSecretStore(deps)).set(name, value);
      moved += 1;
    }
    io.err(t('state.migrated', { count: copied, location: target.info.location, secrets: moved }));
    io.err(t('state.migratedNext', { location: target.info.location }));
  } finally {
    await target.close();
  }
}

/** A local target keeps its secrets where a local install does: the keychain, or the 0600 file. */
async function localSecretStore(deps: Deps) {
  const { openSecretStore } = await import('../../../store/secrets/open.js');
  const { keychainAccountFor } = await import('../../../deps.js');
  return openSecretStore({ kind: deps.env.secretStore, configDir: deps.env.configDir, keychainAccount: keychainAccountFor(deps.env.configDir) });
}
