import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_FILE } from '../../store/secrets/file.js';
import { BackToClientId, isInvalidClient, runLoginFlow } from '../../auth/login-flow.js';
import { REQUIRED_SCOPES } from '../../chatwork/scopes.js';
import type { Deps } from '../../deps.js';
import { renderError, SecretStoreError, UsageError } from '../../errors.js';
import { readPreferences, updatePreferences } from '../../store/preferences.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { createLineReader } from '../../io/line-reader.js';
import { runAutoLink } from '../../linking/auto-link.js';
import { offerInvitation } from '../../invite/setup-offer.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { CLIENT_ID_SHAPE, CLIENT_SECRET_SHAPE, DEFAULT_REDIRECT_URI } from '../../auth/client.js';
import { setDestination } from '../../destinations/set.js';
import { importUsers } from '../../himanager-users/import.js';
import { sendSamples } from '../../sample-messages/send.js';
import type { SetupOptions } from './command.js';

type Part = 'login' | 'users' | 'destinations' | 'test';
const HELP_PAGE = 'https://help.chatwork.com/hc/ja/articles/115000169521';

/**
 * The admin's first hour, in seven steps, following HiManager's setup guide for the
 * web version. Run again on a configured install, it shows what is set and lets the
 * admin change one part.
 */
export async function run(options: SetupOptions, deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  if (!io.canPrompt) throw new UsageError('setup.needsTty');
  const store = await deps.stores.state();
  const current = await store.config.get();
  let parts: Part[] = ['login', 'users', 'destinations', 'test'];
  if (current.clientId && current.account) {
    const destinations = await store.destinations.all();
    io.err(t('setup.configured', {
      name: current.account.name, clientId: current.clientId, users: await store.users.count(),
      links: await store.links.count(),
      destinations: NOTIFICATION_TYPES.map((type) => `${t(`type.${type}` as MessageKey)}=${destinations[type] ?? '-'}`).join(', '),
    }));
    const choice = await prompts.select(t('setup.whichPart'), [
      { name: t('setup.part.login'), value: 'login' as const },
      { name: t('setup.part.users'), value: 'users' as const },
      { name: t('setup.part.destinations'), value: 'destinations' as const },
      { name: t('setup.part.test'), value: 'test' as const },
      { name: t('setup.part.all'), value: 'all' as const },
      { name: t('setup.part.done'), value: 'done' as const },
    ]);
    if (choice === 'done') return;
    parts = choice === 'all' ? parts : [choice];
  }
  if (parts.includes('login')) await loginSteps(options, deps);
  if (parts.includes('users')) await usersStep(deps);
  if (parts.includes('destinations')) await destinationsStep(deps);
  if (parts.includes('test')) await testStep(deps);
  io.err(t('setup.finished'));
}

async function loginSteps(options: SetupOptions, deps: Deps): Promise<void> {
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

async function usersStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 5: the HiManager directory, then the link suggestions to confirm.
  io.err(t('setup.step5'));
  for (;;) {
    const file = (await prompts.input(t('setup.askUsersFile'), {
      validate: (v) => existsSync(v.trim()) || t('setup.noSuchFile'),
    })).trim();
    try {
      await importUsers(deps, { file });
      break;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // An invalid file changes nothing: show why, and ask again.
      io.err(`${t('error.prefix')} ${t(error.key, error.params)}`);
      for (const detail of error.details) io.err(`${detail.prefix ?? ''}${t(detail.key, detail.params)}`);
    }
  }
  await runAutoLink({}, deps);
  await offerInvitation(deps);
}

async function destinationsStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 6: a destination per type: DM, a group room the account may post in, or off.
  io.err(t('setup.step6'));
  const rooms = (await (await deps.http.chatwork()).rooms()).filter((room) => room.type === 'group');
  // Said before the first choice, not after the last: why a room the admin expects is missing.
  const readonly = rooms.filter((room) => room.role === 'readonly');
  if (readonly.length) io.err(t('setup.readonlyFirst', { rooms: readonly.map((r) => r.name).join(t('send.nameSeparator')) }));
  for (const type of NOTIFICATION_TYPES) {
    // Each choice is checked as it is made (the room may have changed since the list was read).
    for (;;) {
      const destination = await prompts.select(t('setup.askDestination', { type: t(`type.${type}` as MessageKey) }), [
        { name: t('destinations.dm'), value: 'dm' },
        ...rooms.filter((room) => room.role !== 'readonly').map((room) => ({ name: `${room.name} (room:${room.room_id})`, value: `room:${room.room_id}` })),
        { name: t('destinations.off'), value: 'off' },
      ]);
      try {
        await setDestination(deps, { type, destination });
        break;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        for (const line of renderError(error, t, false)) io.err(line);
      }
    }
  }
}

async function testStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 7: a test message, where the admin chooses.
  io.err(t('setup.step7'));
  const target = await prompts.select(t('setup.askTest'), [
    { name: t('setup.test.myChat'), value: 'mychat' as const },
    { name: t('setup.test.user'), value: 'user' as const },
    { name: t('setup.test.skip'), value: 'skip' as const },
  ]);
  if (target === 'skip') return;
  if (target === 'mychat') {
    await sendSamples(deps, { types: ['survey'] });
    return;
  }
  const user = (await prompts.input(t('setup.askTestUser'))).trim();
  try {
    await sendSamples(deps, { types: ['survey'], user });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${t('error.prefix')} ${t(error.key, error.params)}`);
  }
}

/**
 * Before the secret is asked for: the secret store must work. When the keychain does not,
 * the wizard offers the file store (as gh does) instead of failing after the browser.
 */
async function ensureSecretStore(deps: Deps): Promise<void> {
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
