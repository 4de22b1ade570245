import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { runBin, runCli } from '../helpers/run-cli.js';

const PRODUCT_COMMANDS = ['setup', 'auth', 'users', 'contacts', 'rooms', 'link', 'unlink', 'links', 'destinations',
  'send-test', 'send-reminders', 'doctor', 'calendar', 'sandbox'];

describe('CLI skeleton', () => {
  it('registers every command of the product', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of PRODUCT_COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    for (const sub of [['auth', 'login'], ['auth', 'status'], ['auth', 'logout'], ['users', 'import'], ['users', 'list'],
      ['links', 'export'], ['links', 'import'], ['destinations', 'set']]) {
      const help = await runCli([sub[0]!, '--help']);
      expect(help.stdout).toMatch(new RegExp(`^  ${sub[1]}\\b`, 'm'));
    }
  });

  it('speaks Japanese with --lang ja or a ja locale, English otherwise', async () => {
    const ja = await runCli(['--lang', 'ja', '--help']);
    expect(ja.stdout).toContain('使い方: himanager-chatwork [オプション] [コマンド]');
    expect(ja.stdout).toContain('称賛');
    const fromLocale = await runCli(['send-reminders', '--help'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(fromLocale.stdout).toContain('オプション:');
    const lcAllWins = await runCli(['--help'], { env: { LANG: 'ja_JP.UTF-8', LC_ALL: 'C' } });
    expect(lcAllWins.stdout).toContain('Usage: himanager-chatwork [options] [command]');
  });

  it('prints the version from package.json', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers a usage error with exit 2, naming the flag, on stderr only', async () => {
    const result = await runCli(['contacts', '--jsonn']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("unknown option '--jsonn'");
    expect(result.stderr).toContain('--json');
    const ja = await runCli(['--lang', 'ja', 'frobnicate']);
    expect(ja.code).toBe(ExitCode.usage);
    expect(ja.stderr).toContain("不明なコマンドです: 'frobnicate'");
  });

  it('rejects a bad --lang, --secret-store or URL variable with exit 2 naming it', async () => {
    expect((await runCli(['--lang', 'fr', 'contacts'])).stderr).toContain('--lang must be ja or en');
    const store = await runCli(['contacts'], { env: { HIMANAGER_CHATWORK_SECRET_STORE: 'vault' } });
    expect(store.code).toBe(ExitCode.usage);
    expect(store.stderr).toContain('HIMANAGER_CHATWORK_SECRET_STORE must be keychain or file');
    const url = await runCli(['contacts'], { env: { CHATWORK_API_URL: 'ftp://example' } });
    expect(url.code).toBe(ExitCode.usage);
    expect(url.stderr).toContain('CHATWORK_API_URL');
  });

  it('asks to log in (exit 4) before a command that needs Chatwork', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-'));
    const result = await runCli(['--config-dir', dir, '--secret-store', 'file', 'contacts']);
    expect(result.code).toBe(ExitCode.auth);
    expect(result.stderr).toContain('not logged in');
    expect(result.stderr).toContain('himanager-chatwork auth login');
  });

  it('runs as a real process through the bin script', async () => {
    const result = await runBin(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The fast path of a bare --version answers exactly what commander answers.
    const throughCommander = await runBin(['--lang', 'en', '--version']);
    expect(throughCommander.stdout).toBe(result.stdout);
    const usage = await runBin(['nope']);
    expect(usage.code).toBe(ExitCode.usage);
  });
});
