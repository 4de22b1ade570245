import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/live-cli.js';

describe('the sandbox command keeps its demo client secret private', () => {
  it('in a fresh mkdtemp directory (0700), created with O_EXCL|O_NOFOLLOW (0600), never through a planted symlink', async () => {
    // What an attacker plants in the shared /tmp, at the old predictable path for a fixed port.
    const victim = join(mkdtempSync(join(tmpdir(), 'hmcw-victim-')), 'precious');
    writeFileSync(victim, 'original\n', { mode: 0o644 });
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const planted = join(tmpdir(), `himanager-chatwork-sandbox-${port}`);
    const plant = !existsSync(planted);
    if (plant) symlinkSync(dirname(victim), planted);

    const cli = startCli(['sandbox', '--port', String(port)]);
    const line = await cli.waitForErr(/its secret is in/);
    const secretFile = /its secret is in (\S+) \(0600\)/.exec(line)![1]!;
    const dir = dirname(secretFile);
    expect(dir.startsWith(planted)).toBe(false);
    expect(lstatSync(dir).isSymbolicLink()).toBe(false);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
    expect(existsSync(join(dirname(victim), 'client-secret'))).toBe(false);
    cli.interrupt();
    expect((await cli.result).code).toBe(0);
    expect(existsSync(dir)).toBe(false);
    if (plant) unlinkSync(planted);
  });
});
