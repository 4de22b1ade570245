import { BackToClientId, isInvalidClient, runLoginFlow } from '../../flows/login.js';
import { CLIENT_ID_SHAPE, CLIENT_SECRET_SHAPE, DEFAULT_REDIRECT_URI } from '../../auth/client.js';
import { REQUIRED_SCOPES } from '../../chatwork/scopes.js';
import type { Deps } from '../../deps/deps.js';
import { renderError } from '../../errors/index.js';
import { createLineReader } from '../../io/line-reader.js';
import { readPreferences, updatePreferences } from '../../store/preferences.js';
import { ensureSecretStore } from './secret-store.js';

const HELP_PAGE = 'https://help.chatwork.com/hc/ja/articles/115000169521';

/** Steps 1 to 4: the account, the OAuth client, its ID and secret, and the authorization. */
export interface SetupOptions { redirectUri?: string }

export async function loginSteps(options: SetupOptions, deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  const store = await deps.stores.state();
  const stored = await store.config.get();
  const redirectUri = options.redirectUri ?? stored.redirectUri ?? DEFAULT_REDIRECT_URI;
  // Step 1: the account that will speak, and who it can reach.
  io.err(t('setup.step1'));
  io.err(t('setup.dedicatedAccount'));
  io.err(t('setup.contacts'));
  // Step 2: exactly what to enter on Chatwork's OAuth client screen.
  io.err(t('setup.step2'));
  io.err(t('setup.clientScreen', { redirectUri }));
  for (const scope of REQUIRED_SCOPES) io.err(`    ・${scope.ja}  (${scope.scope})`);
  if (await prompts.confirm(t('setup.openHelp'), { default: false })) {
    if (!await deps.browser.open(HELP_PAGE)) io.err(t('login.browserFailed'));
    io.err(HELP_PAGE);
  }
  await ensureSecretStore(deps);
  let clientId = stored.clientId ?? readPreferences(deps.env.configDir).clientId ?? '';
  let askClientId = true;
  for (;;) {
    // Step 3: the client ID and secret, checked for shape.
    io.err(t('setup.step3'));
    if (askClientId) {
      clientId = (await prompts.input(t('login.askClientId'), {
        default: clientId || undefined, validate: (v) => CLIENT_ID_SHAPE.test(v.trim()) || t('login.badClientId'),
      })).trim();
      // Kept at once: a login that fails later, or a rerun of setup, offers it again.
      await updatePreferences(deps.env.configDir, { clientId });
    }
    askClientId = true;
    const clientSecret = (await prompts.password(t('login.askClientSecret'), {
      validate: (v) => CLIENT_SECRET_SHAPE.test(v.trim()) || t('login.badClientSecret'),
    })).trim();
    io.registerSecret(clientSecret);
    // Step 4: authorization in the browser.
    io.err(t('setup.step4'));
    try {
      await runLoginFlow(deps, {
        clientId, clientSecret, redirectUri, openBrowser: !deps.env.headless, timeoutMs: 300_000,
        paste: createLineReader(io.stdin), allowBack: true,
      });
      break;
    } catch (error) {
      if (error instanceof BackToClientId) continue;
      if (!isInvalidClient(error)) throw error;
      // The ID got as far as Chatwork's consent page, so it is the secret that is wrong.
      for (const line of renderError(error, t, false).slice(0, 1)) io.err(line);
      io.err(t('setup.secretRejected'));
      askClientId = false;
    }
  }
  await store.config.update((s) => { s.clientId = clientId; s.redirectUri = redirectUri; });
  const me = await (await deps.http.chatwork()).me();
  await store.config.update((s) => {
    s.account = { accountId: me.account_id, name: me.name, chatworkId: me.chatwork_id, organizationName: me.organization_name, roomId: me.room_id };
  });
  io.err(t('login.connected', { name: me.name, accountId: me.account_id }));
}
