import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isSupportedNode } from '../../src/node-check.js';
import { BIN } from '../helpers/run-cli.js';

// What a cron host with an old system Node sees: the bin run by that Node refuses at once,
// naming the version and the path it found. Needs an unsupported Node at /usr/bin/node (Debian
// and Ubuntu's own nodejs package is one); the tests run by Node 24 from node_modules.
const OLD_NODE = '/usr/bin/node';
const oldVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const skipReason = !oldVersion ? `no Node.js at ${OLD_NODE} (apt-get install -y nodejs: Debian's is an older one)`
  : isSupportedNode(oldVersion) ? `the Node.js at ${OLD_NODE} is ${oldVersion}, a supported one: no old Node to test with` : undefined;
if (skipReason) console.warn(`skipping: ${skipReason}`);

function runOld(args: string[], env: NodeJS.ProcessEnv) {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-oldnode-'));
  const result = spawnSync(OLD_NODE, [BIN, ...args], {
    encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HIMANAGER_CHATWORK_CONFIG_DIR: join(configDir, 'cfg'), ...env }, timeout: 30_000,
  });
  return { ...result, configDir: join(configDir, 'cfg') };
}

describe.skipIf(skipReason !== undefined)(`bin started by an old Node.js (${skipReason ?? `${OLD_NODE} ${oldVersion}`})`, () => {
  it.each([['--version'], ['send-reminders', '--input', '-'], ['doctor']])('%s: exit 1, naming the Node it found and where to get another, touching nothing', (...args) => {
    const result = runOld(args, { LANG: 'en_US.UTF-8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Node.js ${oldVersion} at ${OLD_NODE}.`);
    expect(result.stderr).toContain('needs Node.js 22.22 or later');
    expect(result.stderr).toContain('https://nodejs.org/en/download');
    expect(result.stderr).toContain(`/usr/local/bin/node ${BIN} --version`);
    // Nothing else was loaded: no stack trace, and the command never reached its config dir.
    expect(result.stderr).not.toMatch(/SyntaxError|at .*\.js:\d+/);
    expect(existsSync(result.configDir)).toBe(false);
  });

  it('speaks Japanese to a Japanese locale', () => {
    const result = runOld(['--version'], { LANG: 'ja_JP.UTF-8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${OLD_NODE}にあるNode.js ${oldVersion}で起動されました`);
  });
});

describe('bin can be read by a Node older than any it supports', () => {
  it('is a classic script (no static import, no top-level await): Node 12 parses it, Node 10 reads it as CommonJS', () => {
    expect(() => new Script(readFileSync(BIN, 'utf8'), { filename: BIN })).not.toThrow();
  });

  it('the modules of the check use no syntax newer than Node 12 reads (?., ??, logical assignment, classes)', () => {
    for (const file of ['node-check.js', 'i18n/detect-lang.js', 'i18n/catalog-deploy.js']) {
      const code = readFileSync(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)), 'utf8');
      expect(code, file).not.toMatch(/\?\.|\?\?|\|\|=|&&=|\bclass\b/);
      expect([...code.matchAll(/^import .* from '(.*)';$/gm)].map((m) => m[1]), file)
        .toEqual(file === 'node-check.js' ? ['./i18n/catalog-deploy.js', './i18n/detect-lang.js'] : []);
    }
  });

  it('a supported Node runs the command as before', () => {
    const result = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
