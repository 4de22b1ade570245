import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toStoredTokens } from '../../src/chatwork/tokens.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { openFileStore } from '../../src/store/secrets/file.js';
import { openSettings } from '../../src/store/settings.js';
import { authorize } from './oauth-browser.js';

/**
 * A config dir logged in to the sandbox through the real OAuth flow, with the file
 * secret store: what `auth login --secret-store file` leaves behind.
 */
export async function loggedInConfigDir(sandbox: Sandbox): Promise<{ configDir: string; env: NodeJS.ProcessEnv; args: string[] }> {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
  const response = await authorize(sandbox);
  const secrets = openFileStore(configDir);
  await secrets.set('client-secret', sandbox.client.clientSecret);
  await secrets.set('tokens', JSON.stringify(toStoredTokens(response, Date.now())));
  (await openSettings(configDir)).update((s) => {
    s.clientId = sandbox.client.clientId;
    s.redirectUri = sandbox.client.redirectUri;
  });
  return { configDir, env: { ...sandbox.env }, args: ['--config-dir', configDir, '--secret-store', 'file'] };
}
