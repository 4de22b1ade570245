import { backendName, secretLocation } from '../../../i18n/backend-names.js';
import { REQUIRED_SCOPE_NAMES } from '../../../chatwork/scopes.js';
import { readStoredTokens } from '../../../chatwork/tokens.js';
import type { Deps } from '../../../deps/deps.js';
import { AuthError } from '../../../errors/index.js';

export interface AuthStatusOptions { json?: boolean }

/** Who is connected, with what, until when, and where the secrets live. Exit 4 when not logged in. */
export async function run(options: AuthStatusOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const store = await deps.stores.state();
  const secrets = await deps.stores.secrets();
  const current = await store.config.get();
  const before = await readStoredTokens(secrets);
  if (!current.clientId || !before) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
  const api = await deps.http.chatwork();
  // /me proves the access token; a forced refresh proves the refresh token, which cron depends on.
  await api.refreshNow();
  const me = await api.me();
  const tokens = (await readStoredTokens(secrets))!;
  const missing = REQUIRED_SCOPE_NAMES.filter((scope) => !tokens.scope.includes(scope));
  const status = {
    loggedIn: true,
    account: { accountId: me.account_id, name: me.name, chatworkId: me.chatwork_id, organization: me.organization_name },
    clientId: current.clientId,
    redirectUri: current.redirectUri,
    scopes: { granted: tokens.scope, required: REQUIRED_SCOPE_NAMES, missing },
    accessTokenExpiresAt: deps.time.iso(tokens.expiresAt),
    secretStore: { backend: secrets.backend, location: secrets.location },
    configDir: deps.env.configDir,
    state: { backend: store.info.backend, location: store.info.location },
  };
  if (options.json) return io.json(status);
  io.out(t('status.account', { name: me.name, accountId: me.account_id, chatworkId: me.chatwork_id }));
  io.out(t('status.client', { clientId: current.clientId }));
  io.out(t('status.scopes', { granted: tokens.scope.join(' ') || '-' }));
  if (missing.length) io.out(t('status.missingScopes', { scopes: missing.join(', ') }));
  io.out(t('status.expiry', { at: tokens.expiresAt }));
  io.out(t('status.secrets', { backend: backendName(t, secrets.backend), location: secretLocation(t, secrets.backend, secrets.location) }));
  io.out(t('status.config', { path: store.info.location }));
}
