import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors/index.js';
import { openFileStore } from '../../src/store/secrets/file.js';
import { openSecretStore } from '../../src/store/secrets/open.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'hmcw-secrets-'));

describe('file secret store', () => {
  it('writes 0600, atomically, and leaves no temp file', async () => {
    const dir = freshDir();
    const store = openFileStore(dir);
    await store.set('client-secret', 's3cr3t');
    await store.set('tokens', '{"accessToken":"x"}');
    const path = join(dir, 'secrets.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ 'client-secret': 's3cr3t', tokens: '{"accessToken":"x"}' });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await store.delete('client-secret');
    expect(await store.get('client-secret')).toBeUndefined();
    expect(await store.get('tokens')).toBe('{"accessToken":"x"}');
  });

  it('refuses a file that others can read, naming the fix', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'secrets.json'), '{}');
    chmodSync(join(dir, 'secrets.json'), 0o644);
    const error = await openFileStore(dir).get('tokens').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('chmod 600');
  });

  it('says a corrupt file is corrupt instead of treating it as empty', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'secrets.json'), '{not json', { mode: 0o600 });
    await expect(openFileStore(dir).get('tokens')).rejects.toThrow(/not valid JSON/);
  });

  it('lets HIMANAGER_CHATWORK_CLIENT_SECRET win over the stored client secret, and only that', async () => {
    const dir = freshDir();
    await openFileStore(dir).set('client-secret', 'stored');
    await openFileStore(dir).set('tokens', 'stored-tokens');
    const store = await openSecretStore({ kind: 'file', configDir: dir, clientSecretOverride: 'from-env', keychainAccount: 'x' });
    expect(await store.get('client-secret')).toBe('from-env');
    expect(await store.get('tokens')).toBe('stored-tokens');
  });
});
