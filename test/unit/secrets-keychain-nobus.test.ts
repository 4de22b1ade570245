import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../src/errors/index.js';
import { openKeychainStore } from '../../src/store/secrets/keychain.js';
import { withStore } from '../helpers/state.js';
import { runCli } from '../helpers/run-cli.js';

describe('no keychain at all (no session bus, as on a server)', () => {
  it('is unavailable, and the CLI explains --secret-store file without falling back', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/bus';
    const error = await openKeychainStore('nobus').then((s) => s.probe()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).problem).toBe('unavailable');

    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    await withStore(configDir, (store) => store.config.update((s) => { s.clientId = 'client-1'; }));
    const result = await runCli(['--config-dir', configDir, 'contacts']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OS keychain is not available');
    expect(result.stderr).toContain('--secret-store file');
    const ja = await runCli(['--config-dir', configDir, '--lang', 'ja', 'contacts']);
    expect(ja.stderr).toContain('OSのキーチェーンを利用できません');
  });

  it('stops auth login before the browser: no URL is shown, nothing is listening', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    let opened = 0;
    const { main } = await import('../../src/cli/main.js');
    const { PassThrough } = await import('node:stream');
    let stderr = '';
    const err = new PassThrough();
    err.on('data', (c) => { stderr += c; });
    const code = await main({
      argv: ['--config-dir', configDir, 'auth', 'login', '--client-id', 'client-12345678', '--redirect-uri', 'https://127.0.0.1:18976/cb/'],
      env: { ...process.env, LANG: 'C', HIMANAGER_CHATWORK_CLIENT_SECRET: 'secret-12345678' },
      streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: err },
      overrides: { browser: { open: async () => { opened += 1; return true; } } },
    });
    expect(code).toBe(1);
    expect(opened).toBe(0);
    expect(stderr).toContain('OS keychain is not available');
    expect(stderr).toContain('--secret-store file');
    expect(stderr).not.toContain('login.php');
  });
});
