import type { ChatworkApi } from '../chatwork/client/index.js';
import { RateLimiter } from '../chatwork/rate-limiter.js';
import type { Http, Stores } from './parts.js';
import type { Environment } from '../env.js';
import { AuthError, renderError } from '../errors/index.js';
import type { Translate } from '../i18n/translate.js';
import type { Clock } from '../io/clock.js';
import type { Io } from '../io/io.js';

/**
 * The token endpoint and the Chatwork API, loaded on first use. The API is built once, from
 * the stored tokens; `forgetChatwork` drops it when the secret store is switched.
 */
export function createHttp(env: Environment, io: Io, t: Translate, clock: Clock, stores: Stores): { http: Http; forgetChatwork(): void } {
  let chatwork: Promise<ChatworkApi> | undefined;
  const http: Http = {
    async oauth(clientId, givenSecret) {
      const { createOAuthClient } = await import('../chatwork/client/index.js');
      return createOAuthClient({
        tokenUrl: env.tokenUrl,
        clientId,
        clock,
        log: io.verbose,
        async clientSecret() {
          const secret = givenSecret ?? await (await stores.secrets()).get('client-secret');
          if (!secret) throw new AuthError('auth.clientSecretMissing', {}, { hint: { key: 'auth.hint.login' } });
          return secret;
        },
      });
    },
    chatwork: () => chatwork ??= (async () => {
      const [{ createChatworkApi }, { TokenManager }, store, secretStore] = await Promise.all([
        import('../chatwork/client/index.js'), import('../chatwork/tokens.js'), stores.state(), stores.secrets(),
      ]);
      const { clientId } = await store.config.get();
      if (!clientId) throw new AuthError('auth.needed', {}, { hint: { key: 'auth.hint.login' } });
      const oauth = await http.oauth(clientId);
      const tokens = new TokenManager({
        secrets: secretStore,
        clock,
        withLock: (fn) => store.locks.withTokenLock(fn),
        refresh: (refreshToken) => oauth.refresh(refreshToken),
        onNewTokens: (next) => { io.registerSecret(next.accessToken); io.registerSecret(next.refreshToken); },
        onSaveFailed: (error) => { io.err(t('tokens.saveFailed', { reason: renderError(error, t, false).join(' ').replace(/^\S+\s/, '') })); },
      });
      return createChatworkApi({ apiUrl: env.apiUrl, tokens, clock, limiter: new RateLimiter(clock), log: io.verbose, writeTimeoutMs: env.fenceTimings.postTimeoutMs });
    })(),
  };
  return { http, forgetChatwork: () => { chatwork = undefined; } };
}
