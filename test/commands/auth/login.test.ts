import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/auth/login/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, FIXED_NOW, type CommandHarness } from '../../helpers/command-deps.js';
import { createManualClock } from '../../helpers/manual-clock.js';
import { consent, getLoopback } from '../../helpers/fake-browser.js';

/** A port nobody listens on now: the login's loopback server takes it (other tests may hold the default one). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('auth login: run()', () => {
  let h: CommandHarness;
  // A machine with a display: the login opens the browser (the test's), which consents.
  // Its clock moves only when told: the login's wait for the browser never ends by itself.
  beforeEach(async () => { h = await commandHarness({ loggedIn: false, env: { DISPLAY: ':0' }, clock: createManualClock(FIXED_NOW) }); });
  afterEach(() => h.close());

  it('logs in through the browser: tokens and the client secret stored, the account saved', async () => {
    const redirectUri = `https://127.0.0.1:${await freePort()}/oauth2/chatwork/`;
    const client = h.sandbox.control.registerClient({ name: 'run test', redirectUris: [redirectUri] });
    const browser = {
      async open(url: string) {
        setImmediate(() => void consent(h.sandbox, url, 'allow').then((location) => getLoopback(location, h.configDir)));
        return true;
      },
    };
    const result = await h.invoke(run, { clientId: client.clientId, clientSecretStdin: true, redirectUri }, { stdin: `${client.clientSecret}\n`, browser });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(client.clientSecret);
    expect(result.stderr.split('\n').slice(-3).join('\n')).toMatchInlineSnapshot(`
      "Waiting for the browser… If the page does not load, paste the full URL from the address bar here and press Enter.
      Connected to Chatwork as HiManager通知 (account 1000001). Notifications will be sent from this account.
      "
    `);
    expect(h.secrets.data.get('client-secret')).toBe(client.clientSecret);
    expect(JSON.parse(h.secrets.data.get('tokens')!)).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect((await h.store((store) => store.config.get())).account).toMatchInlineSnapshot(`
      {
        "accountId": 1000001,
        "chatworkId": "himanager_notify",
        "name": "HiManager通知",
        "organizationName": "株式会社サンプル商事",
        "roomId": 500000000,
      }
    `);
  });

  it('refuses a client id of the wrong shape (exit 2) before asking Chatwork anything; nothing stored', async () => {
    const result = await h.unchanged(() => h.invoke(run, { clientId: 'not a client id!', clientSecretStdin: true }, { stdin: 'x\n' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(h.secrets.data.size).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --client-id must be 8 to 128 letters, digits, or - . _ ~
      "
    `);
  });
});
