import { isInvalidClient, runLoginFlow } from '../../../flows/login.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { createLineReader, type LineReader } from '../../../io/line-reader.js';
import { CLIENT_ID_SHAPE, CLIENT_SECRET_SHAPE, DEFAULT_REDIRECT_URI } from '../../../auth/client.js';

export interface AuthLoginOptions {
  clientId?: string;
  clientSecretStdin?: boolean;
  redirectUri?: string;
  /** commander's --no-browser sets this to false. */
  browser?: boolean;
  timeout?: string;
  /** Ask for the client secret even when one is stored. */
  newSecret?: boolean;
}

export async function run(options: AuthLoginOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const store = await deps.stores.state();
  const current = await store.config.get();
  const timeoutMs = parseTimeout(options.timeout);
  const redirectUri = checkRedirectUri(options.redirectUri ?? current.redirectUri ?? DEFAULT_REDIRECT_URI);

  let lines: LineReader | undefined;
  const stdinLines = () => lines ??= createLineReader(io.stdin);
  const clientId = options.clientId ?? current.clientId ?? (io.canPrompt
    ? await deps.prompts.input(t('login.askClientId'), { validate: (v) => CLIENT_ID_SHAPE.test(v.trim()) || t('login.badClientId') })
    : undefined);
  if (!clientId) throw new UsageError('login.needClientId');
  if (!CLIENT_ID_SHAPE.test(clientId.trim())) throw new UsageError('login.badClientIdFlag');

  let found = await findClientSecret(options, deps, clientId.trim(), current.clientId, stdinLines);
  let tokens;
  for (;;) {
    try {
      tokens = await runLoginFlow(deps, {
        clientId: clientId.trim(),
        clientSecret: found.secret,
        redirectUri,
        openBrowser: options.browser !== false && !deps.env.headless,
        timeoutMs,
        // On a terminal the admin may paste the redirected URL; off one, stdin may carry it.
        paste: stdinLines(),
      });
      break;
    } catch (error) {
      // The stored secret was rejected: on a terminal, ask for the current one and try again.
      if (!isInvalidClient(error) || !found.stored || !io.canPrompt) throw error;
      io.err(t('login.secretRejectedAsk'));
      lines = undefined;
      found = { secret: await askSecret(deps), stored: false };
    }
  }
  await store.config.update((s) => {
    s.clientId = clientId.trim();
    s.redirectUri = redirectUri;
  });
  const me = await (await deps.http.chatwork()).me();
  await store.config.update((s) => {
    s.account = { accountId: me.account_id, name: me.name, chatworkId: me.chatwork_id, organizationName: me.organization_name, roomId: me.room_id };
  });
  const missing = ['offline_access', 'users.all:read', 'rooms.all:read_write', 'contacts.all:read_write'].filter((s) => !tokens.scope.includes(s));
  io.err(t('login.connected', { name: me.name, accountId: me.account_id }));
  if (missing.length) io.err(t('login.missingScopes', { scopes: missing.join(', ') }));
}

interface FoundSecret { secret: string; stored: boolean }

async function findClientSecret(options: AuthLoginOptions, deps: Deps, clientId: string, storedClientId: string | undefined, lines: () => LineReader): Promise<FoundSecret> {
  const { io } = deps;
  if (deps.env.clientSecret) return { secret: deps.env.clientSecret, stored: false };
  if (options.clientSecretStdin) {
    const line = (await lines().next())?.trim();
    if (!line) throw new UsageError('login.emptySecretStdin');
    if (!CLIENT_SECRET_SHAPE.test(line)) throw new UsageError('login.badClientSecret');
    io.registerSecret(line);
    return { secret: line, stored: false };
  }
  if (storedClientId === clientId && !options.newSecret) {
    const stored = await (await deps.stores.secrets()).get('client-secret');
    if (stored) return { secret: stored, stored: true };
  }
  if (!io.canPrompt) throw new UsageError('login.needSecret');
  return { secret: await askSecret(deps), stored: false };
}

async function askSecret(deps: Deps): Promise<string> {
  const { io, t } = deps;
  const secret = (await deps.prompts.password(t('login.askClientSecret'), {
    validate: (v) => CLIENT_SECRET_SHAPE.test(v.trim()) || t('login.badClientSecret'),
  })).trim();
  io.registerSecret(secret);
  return secret;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 300_000;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new UsageError('login.badTimeout', { value: text });
  return seconds * 1000;
}

function checkRedirectUri(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('login.badRedirectUri', { value: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('login.badRedirectUri', { value: text });
  return url.toString();
}
