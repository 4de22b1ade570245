import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

// Start-up time is a product feature: --version and --help must not load the heavy
// modules. Checked by recording every module the process resolves, not by timing.
const HEAVY = ['got', 'pg', 'zod', 'node:sqlite', '@napi-rs/keyring', 'chalk', 'ora', '@inquirer/prompts', 'open'];

function loadedPackages(args: string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'hmcw-')), 'modules.log');
  const hook = `
    import { registerHooks } from 'node:module';
    import { appendFileSync } from 'node:fs';
    registerHooks({ resolve(specifier, context, next) { appendFileSync(${JSON.stringify(log)}, specifier + '\\n'); return next(specifier, context); } });
  `;
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, BIN, ...args], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('start-up', () => {
  // The second column proves the hook saw the process load what it must: a bare
  // --version takes the fast path and never loads commander at all.
  it.each([
    [['--version'], './version.js', 'commander'],
    [['--help'], 'commander', undefined],
    [['send-reminders', '--help'], 'commander', undefined],
  ])('%s loads none of the heavy modules', (args, expected, absent) => {
    const loaded = loadedPackages(args);
    expect(loaded).toContain(expected);
    if (absent) expect(loaded).not.toContain(absent);
    expect(loaded.filter((specifier) => HEAVY.includes(specifier))).toEqual([]);
  });

  it('--help reads no command\'s definition, and a command\'s help only its own', () => {
    const definitions = (args: string[]) => loadedPackages(args).filter((specifier) => /^\.\.?\/(.*\/)?commands\//.test(specifier));
    expect(definitions(['--help'])).toEqual([]);
    expect(definitions(['send-reminders', '--help'])).toEqual(['../commands/send-reminders/command.js']);
  });

  it('the use cases and the wiring stay out of start-up: --help and a command\'s help load nothing from flows/ or deps/', () => {
    const upper = (args: string[]) => loadedPackages(args).filter((specifier) => /^\.\.?\/(.*\/)?(flows|deps)\//.test(specifier));
    expect(upper(['--help'])).toEqual([]);
    expect(upper(['send-reminders', '--help'])).toEqual([]);
    // What the filter would see if they did: a command that runs loads both.
    expect(upper(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-')), 'destinations', '--json'])).toEqual(expect.arrayContaining([expect.stringMatching(/flows\//), expect.stringMatching(/deps\//)]));
  });

  it('a command on the default SQLite store never loads pg', () => {
    const loaded = loadedPackages(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-')), 'state', 'info', '--json']);
    expect(loaded).toContain('node:sqlite');
    expect(loaded).not.toContain('pg');
  });
});
