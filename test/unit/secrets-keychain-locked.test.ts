import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../src/errors/index.js';
import { keychainAccountFor } from '../../src/deps/deps.js';
import { withStore } from '../helpers/state.js';
import { runBin } from '../helpers/run-cli.js';
import { openKeychainStore } from '../../src/store/secrets/keychain.js';
import { writeEntryInChild } from '../helpers/keychain-child.js';
import { startSecretService, type SecretService } from '../helpers/secret-service.js';
import { systemTool } from '../helpers/system.js';

const keyring = systemTool('gnome-keyring-daemon', 'gnome-keyring dbus');

describe.skipIf(!keyring.available)('a locked OS keychain (as cron finds it)', () => {
  let locked: SecretService;
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
  beforeAll(async () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'hmcw-keyring-'));
    const unlocked = await startSecretService({ dataHome });
    writeEntryInChild(unlocked.busAddress, dataHome, 'cron', 'tokens', '{"accessToken":"x"}');
    const tokens = JSON.stringify({ accessToken: 'planted-access', refreshToken: 'planted-refresh', expiresAt: 0, scope: [], obtainedAt: 0 });
    writeEntryInChild(unlocked.busAddress, dataHome, keychainAccountFor(configDir), 'tokens', tokens);
    writeEntryInChild(unlocked.busAddress, dataHome, keychainAccountFor(configDir), 'client-secret', 'planted-client-secret');
    await withStore(configDir, (store) => store.config.update((s) => { s.clientId = 'client-12345678'; }));
    await unlocked.stop();
    locked = await startSecretService({ dataHome, unlocked: false });
    process.env.DBUS_SESSION_BUS_ADDRESS = locked.busAddress;
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') console.error(locked.diagnostics());
  });
  afterAll(async () => {
    await locked?.stop();
  });

  it('is reported as locked, not as a missing secret', async () => {
    const store = await openKeychainStore('cron');
    const error = await store.get('tokens').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).problem).toBe('locked');
    expect((error as SecretStoreError).hint?.key).toBe('secrets.hint.fileBackend');
  });

  it('makes doctor say "locked", not "not logged in", with the fix for cron', async () => {
    const result = await runBin(['--config-dir', configDir, 'doctor', '--json'], { env: { DBUS_SESSION_BUS_ADDRESS: locked.busAddress } });
    const report = JSON.parse(result.stdout) as { checks: { findingKey: string; status: string; remedy?: string }[] };
    const keys = report.checks.map((c) => c.findingKey);
    expect(keys).toContain('doctor.secrets.locked');
    expect(keys).not.toContain('doctor.secrets.noRefreshToken');
    expect(report.checks.find((c) => c.findingKey === 'doctor.secrets.locked')!.remedy).toContain('HIMANAGER_CHATWORK_SECRET_STORE=file');
    expect(result.code).toBe(1);
    for (const secret of ['planted-access', 'planted-refresh', 'planted-client-secret']) expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
