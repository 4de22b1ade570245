import { join } from 'node:path';
import type { Deps } from '../../deps/deps.js';
import { SecretStoreError } from '../../errors/index.js';
import { updatePreferences } from '../../store/preferences.js';
import { SECRET_FILE } from '../../store/secrets/file.js';

/**
 * Before the secret is asked for: the secret store must work. When the keychain does not,
 * the wizard offers the file store (as gh does) instead of failing after the browser.
 */
export async function ensureSecretStore(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  try {
    await (await deps.stores.secrets()).probe();
    return;
  } catch (error) {
    if (!(error instanceof SecretStoreError) || deps.env.secretStore !== 'keychain') throw error;
    io.err(`${t('setup.keychainProblem')} ${t(error.key, error.params)}`);
    io.err(t('setup.fileStoreExplained', { path: join(deps.env.configDir, SECRET_FILE) }));
    if (!await prompts.confirm(t('setup.useFileStore'), { default: true })) throw error;
  }
  deps.stores.useSecretStore('file');
  await (await deps.stores.secrets()).probe();
  await updatePreferences(deps.env.configDir, { secretStore: 'file' });
  io.err(t('setup.fileStoreChosen'));
}
