import type { Deps } from '../deps/deps.js';
import { CliError, renderError } from '../errors/index.js';
import type { SecretName, SecretStore } from '../store/secrets/secret-store.js';
import type { Store } from '../store/store.js';

const SECRETS: SecretName[] = ['client-secret', 'tokens'];

/**
 * Where the login went, as `state migrate` reports it. SQLite keeps no secrets: between two
 * SQLite stores of one install the login stays in this install's keychain or file ('stays');
 * into PostgreSQL it is encrypted into the database ('encrypted'); out of it, into this
 * install's keychain or file ('local').
 */
export interface LoginMove {
  kind: 'stays' | 'encrypted' | 'local';
  copied: number;
  /** The secret store that holds the login now: safe to print. */
  where: string;
  /** The secret store the refresh token must leave once the source is marked, if it moved at all. */
  leaves?: SecretStore;
}

export async function copyLogin(deps: Deps, source: Store, target: Store): Promise<LoginMove> {
  const from = await deps.stores.secrets();
  if (source.info.backend === 'sqlite' && target.info.backend === 'sqlite') return { kind: 'stays', copied: 0, where: from.location };
  const to = target.secrets
    ? (await import('../store/secrets/database.js')).databaseSecretStore(target)
    : await localSecretStore(deps);
  let copied = 0;
  let tokens = false;
  for (const name of SECRETS) {
    const value = await from.get(name);
    if (value === undefined) continue;
    await to.set(name, value);
    copied += 1;
    if (name === 'tokens') tokens = true;
  }
  return { kind: target.secrets ? 'encrypted' : 'local', copied, where: to.location, ...(tokens ? { leaves: from } : {}) };
}

/**
 * The refresh token rotates: each refresh spends it and hands out the next. Two copies split
 * it (whichever side refreshes second gets invalid_grant), so the source's copy goes once the
 * login lives in the target. The client secret does not rotate and stays.
 */
export async function removeSourceTokens(deps: Deps, move: LoginMove): Promise<string | undefined> {
  if (!move.leaves) return undefined;
  try {
    await move.leaves.delete('tokens');
  } catch (error) {
    throw new CliError('state.tokenNotRemoved', { where: move.leaves.location, reason: renderError(error, deps.t, false).join(' ') });
  }
  return move.leaves.location;
}

/** A local target keeps its secrets where a local install does: the keychain, or the 0600 file. */
async function localSecretStore(deps: Deps): Promise<SecretStore> {
  const { openSecretStore } = await import('../store/secrets/open.js');
  const { keychainAccountFor } = await import('../deps/deps.js');
  return openSecretStore({ kind: deps.env.secretStore, configDir: deps.env.configDir, keychainAccount: keychainAccountFor(deps.env.configDir) });
}
