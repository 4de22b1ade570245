import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NO_FAULTS, newStats, type ApiContext } from './api/context.js';
import { handleApi } from './api/handle.js';
import { systemClock } from './clock.js';
import { createControl } from './control.js';
import { handleControl } from './control-http.js';
import { RoomEvents } from './events.js';
import { sendHtml, sendJson } from './http.js';
import { AccountWindows, RoomPostWindows } from './limits.js';
import { AUTHORIZE_PATH, handleAuthorize } from './oauth/authorize.js';
import { newClientSecret } from './oauth/clients.js';
import type { OAuthSettings } from './oauth/settings.js';
import { handleToken, TOKEN_PATH } from './oauth/token.js';
import { PAGE_HTML } from './page.js';
import { seededRandom } from './random.js';
import { DEMO_CLIENT } from './seed/demo-people.js';
import { seedState } from './seed/seed.js';
import type { Sandbox, SandboxOptions } from './types.js';

export type { Sandbox, SandboxOptions } from './types.js';

/**
 * Starts the emulated Chatwork on 127.0.0.1: API v2 under /v2/, the OAuth endpoints, the test
 * controls under /_sandbox/ and the page at /. Resolves once it listens.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 'demo';
  const clientSecret = newClientSecret();
  const reseed = () => seedState(seed, clientSecret, options.contacts);
  let clockOffset = 0;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now() + clockOffset;
  const events = new RoomEvents();
  const limits = {
    rateLimit: options.rateLimit ?? { count: 300, windowMs: 300_000 },
    roomPostLimit: options.roomPostLimit ?? { count: 10, windowMs: 10_000 },
  };
  const ctx: ApiContext = {
    state: reseed(),
    now,
    sleep: (ms) => clock.sleep(ms),
    windows: new AccountWindows(limits.rateLimit, now),
    roomPosts: new RoomPostWindows(limits.roomPostLimit, now),
    faults: { ...NO_FAULTS },
    random: seededRandom(options.randomSeed ?? 1),
    stats: newStats(),
    readMarks: new Map(),
    onMessage: (room, message) => events.publish(room, message),
    onTasks: (room, messageId, taskIds) => events.publishTasks(room, messageId, taskIds),
  };
  const oauth: OAuthSettings = { accessTokenSeconds: options.accessTokenSeconds ?? 1800, codeSeconds: 60, now, autoConsent: options.autoConsent === true };
  const control = createControl({ ctx, oauth, events, limits, reseed, setClockOffset: (offsetMs) => { clockOffset = offsetMs; } });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = async () => {
      if (url.pathname.startsWith('/v2/')) return handleApi(ctx, req, res, url);
      if (url.pathname === AUTHORIZE_PATH) return handleAuthorize(ctx.state, oauth, req, res, url);
      if (url.pathname === TOKEN_PATH) return handleToken(ctx.state, oauth, req, res);
      if (url.pathname.startsWith('/_sandbox/')) return handleControl(control, req, res, url);
      if (url.pathname === '/' && req.method === 'GET') return sendHtml(res, 200, PAGE_HTML);
      return sendJson(res, 404, { errors: ['Not Found'] });
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [error instanceof Error ? error.message : String(error)] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/v2`,
    authorizeUrl: `${url}${AUTHORIZE_PATH}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    env: {
      CHATWORK_API_URL: `${url}/v2`,
      CHATWORK_OAUTH_AUTHORIZE_URL: `${url}${AUTHORIZE_PATH}`,
      CHATWORK_OAUTH_TOKEN_URL: `${url}${TOKEN_PATH}`,
    },
    client: { clientId: DEMO_CLIENT.clientId, clientSecret, redirectUri: DEMO_CLIENT.redirectUris[0]! },
    control,
    async stop() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
