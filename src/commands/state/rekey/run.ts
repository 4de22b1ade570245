import type { Deps } from '../../../deps/deps.js';
import { CliError, UsageError } from '../../../errors/index.js';
import { STATE_KEY_ENV } from '../../../store/postgres/secret-crypto.js';

/** Where `state rekey` reads the new key when no one is there to type it. */
export const NEW_STATE_KEY_ENV = 'HIMANAGER_CHATWORK_NEW_STATE_KEY';

/**
 * Re-encrypts every secret of the shared database under a new key, in one transaction, and
 * moves the key check to it: from then on the old key is refused everywhere. The current key is
 * HIMANAGER_CHATWORK_STATE_KEY; the new one HIMANAGER_CHATWORK_NEW_STATE_KEY or, at a terminal,
 * typed twice (never a flag). The token lock is held meanwhile, so no host is between spending
 * a refresh token and storing the new one under the old key.
 */
export async function run(_options: object, deps: Deps): Promise<void> {
  const { io, t, env } = deps;
  const store = await deps.stores.state();
  if (!store.secrets) throw new CliError('rekey.notShared', { location: store.info.location });
  let newKey = env.processEnv[NEW_STATE_KEY_ENV] || undefined;
  let variable = NEW_STATE_KEY_ENV;
  if (!newKey) {
    if (!io.canPrompt) throw new UsageError('rekey.needNewKey', { variable: NEW_STATE_KEY_ENV });
    newKey = (await deps.prompts.password(t('rekey.askNewKey'))).trim();
    io.registerSecret(newKey);
    if ((await deps.prompts.password(t('rekey.askAgain'))).trim() !== newKey) throw new UsageError('rekey.notSame');
    variable = t('rekey.typedKey');
  }
  io.registerSecret(newKey);
  const secrets = store.secrets;
  const count = await store.locks.withTokenLock(() => secrets.rekey(newKey, variable));
  io.err(t('rekey.done', { count, location: store.info.location, variable: STATE_KEY_ENV }));
}
