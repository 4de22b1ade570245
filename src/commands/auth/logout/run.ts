import { replaceLinks } from '../../../linking/write-links.js';
import { NOTIFICATION_TYPES } from '../../../domain.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CERT_FILE, KEY_FILE } from '../../../auth/certificate.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';

export interface AuthLogoutOptions { yes?: boolean; purge?: boolean }

/** 連携を解除: tokens and client secret go; links and destinations stay unless --purge. */
export async function run(options: AuthLogoutOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (!options.yes) {
    if (!io.canPrompt) throw new UsageError('logout.needYes');
    const sure = await deps.prompts.confirm(t(options.purge ? 'logout.confirmPurge' : 'logout.confirm'), { default: false });
    if (!sure) return io.err(t('logout.kept'));
  }
  const secrets = await deps.stores.secrets();
  await secrets.delete('tokens');
  await secrets.delete('client-secret');
  const store = await deps.stores.state();
  await store.config.update((s) => {
    delete s.account;
    if (options.purge) {
      delete s.clientId;
      delete s.redirectUri;
      s.templates = {};
    }
  });
  if (options.purge) {
    await store.users.replaceAll([]);
    await replaceLinks(store, {}, true, { reason: 'reset' });
    for (const type of NOTIFICATION_TYPES) await store.destinations.set(type, undefined);
  }
  if (options.purge) {
    await rm(join(deps.env.configDir, CERT_FILE), { force: true });
    await rm(join(deps.env.configDir, KEY_FILE), { force: true });
  }
  io.err(t(options.purge ? 'logout.donePurge' : 'logout.done', { location: secrets.location }));
  io.err(t('logout.revokeHint'));
}
