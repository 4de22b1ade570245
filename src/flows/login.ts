import { REQUIRED_SCOPE_NAMES } from '../chatwork/scopes.js';
import { toStoredTokens, type StoredTokens } from '../chatwork/tokens.js';
import type { Deps } from '../deps/deps.js';
import { AuthError, CancelError } from '../errors/index.js';
import type { LineReader } from '../io/line-reader.js';
import { updatePreferences } from '../store/preferences.js';
import { ensureLoopbackCertificate } from '../auth/certificate.js';
import { listenForRedirect, loopbackHost, type Loopback } from '../auth/loopback.js';
import { createPkce, createState } from '../auth/pkce.js';
import { checkPastedLine, type RedirectResult } from '../auth/redirect.js';

export interface LoginFlowOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  openBrowser: boolean;
  timeoutMs: number;
  /** Where a pasted redirect URL may arrive: the terminal, or stdin when it is not one. */
  paste?: LineReader;
  /** The wizard's way back: typing "r" while waiting returns to the client ID step. */
  allowBack?: boolean;
}

/** The admin asked to go back and enter the client ID again (Chatwork showed an error page). */
export class BackToClientId extends Error {}

const STILL_WAITING_HINT_MS = 60_000;

/**
 * The authorization-code flow with PKCE over a loopback redirect, with paste-back as
 * the way that always works. Returns the tokens, already saved in the secret store.
 */
export async function runLoginFlow(deps: Deps, options: LoginFlowOptions): Promise<StoredTokens> {
  const { io, t, clock } = deps;
  let secrets: Awaited<ReturnType<Deps['stores']['secrets']>>;
  try {
    secrets = await deps.stores.secrets();
    // Before the browser: a login that succeeds and then cannot save its tokens is the worst case.
    await secrets.probe();
  } catch (error) {
    // The paste reader holds stdin open: left open, the process would wait for ever.
    options.paste?.close();
    throw error;
  }

  const pkce = createPkce();
  const state = createState();
  const https = options.redirectUri.startsWith('https:');
  let loopback: Loopback | undefined;
  if (loopbackHost(options.redirectUri)) {
    const tls = https ? await ensureLoopbackCertificate(deps.env.configDir, clock.now()) : undefined;
    try {
      loopback = await listenForRedirect({
        redirectUri: options.redirectUri, expectedState: state, tls, lang: deps.env.lang,
        onRejected: () => io.err(t('login.wrongState')),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.err(t(code === 'EADDRINUSE' ? 'login.portBusy' : 'login.cannotListen', {
        port: new URL(options.redirectUri).port || (https ? '443' : '80'), detail: code ?? String(error),
      }));
    }
  }

  const url = new URL(deps.env.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: options.clientId, redirect_uri: options.redirectUri,
    scope: REQUIRED_SCOPE_NAMES.join(' '), state, code_challenge: pkce.challenge, code_challenge_method: 'S256',
  }).toString();

  if (loopback && https) io.err(t('login.certificateWarning'));
  io.err(t('login.codeLifetime'));
  io.err(t('login.openUrl'));
  io.err(url.toString());
  if (options.openBrowser) {
    const opened = await deps.browser.open(url.toString());
    if (!opened) io.err(t('login.browserFailed'));
  }
  io.err(t(loopback ? 'login.waitingOrPaste' : 'login.pasteOnly'));
  if (options.allowBack) io.err(t('login.backHint'));

  const cleanups: (() => void)[] = [];
  try {
    const result = await new Promise<RedirectResult | 'back'>((resolve, reject) => {
      // Never rejects: the loopback server only ever settles it with a redirect.
      void loopback?.result.then(resolve);
      if (options.paste) void readPasted(options.paste, options.redirectUri, state, deps, options.allowBack).then((r) => r && resolve(r), reject);
      // On the injected clock, so a test decides when the time is up rather than racing it.
      const waiting = new AbortController();
      const ignoreAbort = () => {};
      clock.sleep(options.timeoutMs, waiting.signal)
        .then(() => reject(new AuthError('login.timeout', { seconds: Math.round(options.timeoutMs / 1000) })), ignoreAbort);
      clock.sleep(Math.min(STILL_WAITING_HINT_MS, options.timeoutMs / 2), waiting.signal)
        .then(() => { if (!waiting.signal.aborted) io.err(t('login.stillWaiting')); }, ignoreAbort);
      cleanups.push(() => waiting.abort());
      cleanups.push(io.onInterrupt(() => reject(new CancelError('error.cancelled'))));
    });
    if (result === 'back') throw new BackToClientId();
    if (result.kind === 'denied') {
      throw new AuthError(result.error === 'access_denied' ? 'login.denied' : 'login.authorizeFailed', {}, { raw: result.error + (result.description ? `: ${result.description}` : '') });
    }
    // The code lives one minute: exchange it at once, before anything else.
    const oauth = await deps.http.oauth(options.clientId, options.clientSecret);
    let response: Awaited<ReturnType<typeof oauth.exchangeCode>>;
    try {
      response = await oauth.exchangeCode({ code: result.code, redirectUri: options.redirectUri, codeVerifier: pkce.verifier });
    } catch (error) {
      loopback?.answer(isInvalidClient(error) ? 'invalidClient' : 'failed');
      throw error;
    }
    loopback?.answer('success');
    const tokens = toStoredTokens(response, clock.now());
    io.registerSecret(tokens.accessToken);
    io.registerSecret(tokens.refreshToken);
    await secrets.set('client-secret', options.clientSecret);
    await secrets.set('tokens', JSON.stringify(tokens));
    // The next command finds its secrets without --secret-store repeated.
    if (secrets.backend !== 'database') await updatePreferences(deps.env.configDir, { secretStore: secrets.backend });
    return tokens;
  } finally {
    for (const cleanup of cleanups) cleanup();
    options.paste?.close();
    await loopback?.close();
  }
}

async function readPasted(lines: LineReader, redirectUri: string, state: string, deps: Deps, allowBack = false): Promise<RedirectResult | 'back' | undefined> {
  for (;;) {
    const line = await lines.next();
    if (line === undefined) return undefined;
    if (line.trim() === '') continue;
    if (allowBack && /^(r|back|戻る)$/i.test(line.trim())) return 'back';
    const check = checkPastedLine(line, redirectUri, state);
    if (check.kind === 'code' || check.kind === 'denied') return check;
    deps.io.err(deps.t(check.kind === 'wrong-state' ? 'login.wrongState' : 'login.badPaste', { reason: check.kind === 'not-a-redirect' ? check.reason : '' }));
  }
}

/** Chatwork said invalid_client: the client secret (or ID) is wrong, and asking again is the remedy. */
export function isInvalidClient(error: unknown): boolean {
  return error instanceof AuthError && error.key === 'oauth.invalidClient';
}
