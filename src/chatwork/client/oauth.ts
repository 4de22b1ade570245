import { AuthError, CliError, TruncatedResponseError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../retry.js';
import type { TokenResponse } from '../types.js';
import { parseJson } from './answers.js';
import { failureCode, networkError, tokenRequest, type Answer } from './transport.js';

export interface OAuthClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret(): Promise<string>;
  clock: Clock;
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

export interface OAuthClient {
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenResponse>;
  refresh(refreshToken: string): Promise<TokenResponse>;
}

function oauthErrorKey(status: number) {
  if (status === 429) return 'oauth.rateLimited' as const;
  if (status >= 500) return 'oauth.serverError' as const;
  return 'oauth.error' as const;
}

/** The token endpoint: HTTP Basic client authentication, form body, RFC 6749 error bodies. */
export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const retry = options.retry ?? { ...DEFAULT_RETRY, attempts: 3 };
  const log = options.log ?? (() => {});
  async function post(form: Record<string, string>): Promise<TokenResponse> {
    const basic = Buffer.from(`${options.clientId}:${await options.clientSecret()}`).toString('base64');
    for (let attempt = 1; ; attempt++) {
      let response: Answer;
      try {
        response = await tokenRequest(options.tokenUrl, form, basic);
      } catch (error) {
        log(`POST token (${form.grant_type}) -> ${failureCode(error)}`);
        if (attempt >= retry.attempts) throw networkError(options.tokenUrl, error);
        await options.clock.sleep(backoffMs(attempt, retry));
        continue;
      }
      log(`POST token (${form.grant_type}) -> ${response.statusCode}`);
      if (response.statusCode >= 500 && attempt < retry.attempts) {
        await options.clock.sleep(backoffMs(attempt, retry));
        continue;
      }
      const body = parseJson(response.body) as Partial<TokenResponse> & { error?: string; error_description?: string };
      if (response.statusCode === 200 && body === undefined) throw new TruncatedResponseError(options.tokenUrl);
      if (response.statusCode === 200 && typeof body?.access_token === 'string') return body as TokenResponse;
      // RFC 6749's error codes said in the admin's language; Chatwork's own text only with --verbose / --json.
      const raw = [body?.error, body?.error_description].filter(Boolean).join(': ') || `HTTP ${response.statusCode}`;
      if (body?.error === 'invalid_grant') {
        throw form.grant_type === 'authorization_code'
          ? new AuthError('login.codeRejected', {}, { raw })
          : new AuthError('auth.refreshRejected', {}, { hint: { key: 'auth.hint.login' }, raw });
      }
      if (body?.error === 'invalid_client' || response.statusCode === 401) {
        throw new AuthError('oauth.invalidClient', {}, { hint: { key: 'auth.hint.login' }, raw });
      }
      throw new CliError(oauthErrorKey(response.statusCode), { status: response.statusCode }, { raw });
    }
  }
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier }) => post({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier,
    }),
    refresh: (refreshToken) => post({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}
