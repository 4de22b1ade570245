import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../src/env.js';
import { rememberedSecretStore, updatePreferences } from '../../src/store/preferences.js';

describe('the secret-store choice is remembered per config dir', () => {
  it('keychain by default, file when a secrets file is already there, the remembered choice first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-pref-'));
    expect(rememberedSecretStore(dir)).toBe('keychain');
    writeFileSync(join(dir, 'secrets.json'), '{}\n', { mode: 0o600 });
    expect(rememberedSecretStore(dir)).toBe('file');
    await updatePreferences(dir, { secretStore: 'keychain' });
    expect(rememberedSecretStore(dir)).toBe('keychain');
  });

  it('a flag or the environment variable wins over what is remembered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-pref-'));
    await updatePreferences(dir, { secretStore: 'file' });
    expect(resolveEnvironment({ configDir: dir }, {}).secretStore).toBe('file');
    expect(resolveEnvironment({ configDir: dir, secretStore: 'keychain' }, {}).secretStore).toBe('keychain');
    expect(resolveEnvironment({ configDir: dir }, { HIMANAGER_CHATWORK_SECRET_STORE: 'keychain' }).secretStore).toBe('keychain');
  });
});
