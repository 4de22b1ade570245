import { REQUIRED_SCOPE_NAMES } from '../../chatwork/scopes.js';
import { readStoredTokens } from '../../chatwork/stored-tokens.js';
import { DEFAULT_URLS } from '../../env.js';
import { backendName, secretLocation } from '../../i18n/backend-names.js';
import { fail, ok, warn, type Check, type Finding } from './finding.js';

/** The secrets, the login (a refresh now, the scopes, the clock) and the account's request budget. */
export const CHATWORK_CHECKS: Check[] = [
  {
    id: 'secret-store', area: 'secrets', async run(ctx) {
      const store = await ctx.secrets();
      const [clientSecret, tokens] = await Promise.all([ctx.clientSecret(), ctx.tokens()]);
      const found: Finding[] = [ok('doctor.secrets.backend', { backend: backendName(ctx.deps.t, store.backend), location: secretLocation(ctx.deps.t, store.backend, store.location) })];
      if (!clientSecret) found.push(fail('doctor.secrets.noClientSecret', {}, 'doctor.fix.login'));
      if (!tokens) found.push(fail('doctor.secrets.noRefreshToken', {}, 'doctor.fix.login'));
      return found;
    },
  },
  {
    id: 'auth', area: 'auth', async run(ctx) {
      const settings = await ctx.settings();
      if (!settings.clientId) return fail('doctor.auth.noClient', {}, ctx.deps.env.state.backend === 'postgres' ? 'doctor.fix.loginShared' : 'doctor.fix.setup');
      await ctx.refreshed();
      const me = await ctx.me();
      // Read again: the refresh just saved what Chatwork granted.
      const scopes = (await readStoredTokens(await ctx.secrets()))?.scope ?? [];
      const lacking = REQUIRED_SCOPE_NAMES.filter((scope) => !scopes.includes(scope));
      const found: Finding[] = [ok('doctor.auth.ok', { name: me.name, accountId: me.account_id })];
      found.push(lacking.length ? fail('doctor.auth.scopes', { scopes: lacking.join(', ') }, 'doctor.fix.scopes')
        : ok('doctor.auth.scopesOk', { scopes: scopes.join(' ') }));
      const skew = (await ctx.api()).clockSkewMs();
      if (skew !== undefined) {
        const seconds = Math.round(skew / 1000);
        found.push(Math.abs(seconds) > 300 ? fail('doctor.auth.clock', { seconds }, 'doctor.fix.clock')
          : Math.abs(seconds) > 60 ? warn('doctor.auth.clock', { seconds }, 'doctor.fix.clock') : ok('doctor.auth.clockOk', { seconds: Math.abs(seconds) }));
      }
      return found;
    },
  },
  {
    id: 'rate-limit', area: 'rateLimit', async run(ctx) {
      await ctx.me();
      const limits = (await ctx.api()).rateLimit();
      if (limits.remaining === undefined) return ok('doctor.rate.unknown');
      const reset = limits.resetAt ?? '-';
      return limits.remaining < (limits.limit ?? 300) / 10
        ? warn('doctor.rate.low', { remaining: limits.remaining, limit: limits.limit ?? '?', reset }, 'doctor.fix.rate')
        : ok('doctor.rate.ok', { remaining: limits.remaining, limit: limits.limit ?? '?', reset });
    },
  },
];

/** Which Chatwork this talks to: the real one, or a sandbox or proxy. */
export const ENDPOINT_CHECKS: Check[] = [
  {
    id: 'sandbox', area: 'sandbox', async run(ctx) {
      const env = ctx.deps.env;
      const custom = (['apiUrl', 'authorizeUrl', 'tokenUrl'] as const).filter((key) => env[key] !== DEFAULT_URLS[key]);
      return custom.length ? warn('doctor.sandbox.custom', { url: env.apiUrl }, 'doctor.fix.sandbox') : ok('doctor.sandbox.real');
    },
  },
];
