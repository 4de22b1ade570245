import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../src/errors.js';
import { openKeychainStore } from '../../src/store/secrets/keychain.js';
import { writeEntryInChild } from '../helpers/keychain-child.js';
import { startSecretService, type SecretService } from '../helpers/secret-service.js';
import { systemTool } from '../helpers/system.js';

const keyring = systemTool('gnome-keyring-daemon', 'gnome-keyring dbus');

describe.skipIf(!keyring.available)('a locked OS keychain (as cron finds it)', () => {
  let locked: SecretService;
  beforeAll(async () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'hmcw-keyring-'));
    const unlocked = await startSecretService({ dataHome });
    writeEntryInChild(unlocked.busAddress, dataHome, 'cron', 'tokens', '{"accessToken":"x"}');
    await unlocked.stop();
    locked = await startSecretService({ dataHome, unlocked: false });
    process.env.DBUS_SESSION_BUS_ADDRESS = locked.busAddress;
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
});
