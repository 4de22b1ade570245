import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { ExitCode } from '../../src/errors/index.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { runCli } from '../helpers/run-cli.js';

interface Found { path: string[]; option: Option }

/** Every option of every command, the program's global ones included, found by walking the real tree. */
async function everyOption(): Promise<Found[]> {
  const program = await buildProgram(createTranslator('en'), async () => { throw new Error('never runs'); });
  const found: Found[] = [];
  const walk = (command: Command, path: string[]) => {
    // The hidden copies of the global options (src/cli/global-options.ts) are the global ones again.
    for (const option of command.options) if (!option.hidden) found.push({ path, option });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return found;
}

const configDir = mkdtempSync(join(tmpdir(), 'once-'));

describe('a single-valued option given twice', () => {
  it('is exit 2 naming the option, for every command, and nothing runs', async () => {
    const all = await everyOption();
    const single = all.filter(({ option }) => (option.required || option.optional) && !option.variadic && option.long !== '--header');
    // The tree is the whole product: a walk that found a handful would prove nothing.
    expect(single.length).toBeGreaterThan(45);
    expect(new Set(single.map((s) => s.path.join(' '))).size).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const { path, option } of single) {
      const flag = option.long!;
      const argv = flag === '--config-dir' ? [flag, configDir, flag, configDir, 'doctor'] : ['--config-dir', configDir, ...path, flag, 'a', flag, 'b'];
      const result = await runCli(argv);
      if (result.code !== ExitCode.usage || !result.stderr.includes(`option '${flag}' was given more than once`)) {
        failures.push(`${path.join(' ') || '(program)'} ${flag}: exit ${result.code} ${result.stderr.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('says so in Japanese too', async () => {
    const result = await runCli(['--lang', 'ja', '--config-dir', configDir, 'recall', '--reminder', 'a', '--reminder', 'b']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain("オプション'--reminder'が2回以上指定されています。");
  });

  it('is allowed for the repeatable ones, which help marks as repeatable', async () => {
    const repeatable = (await everyOption()).filter(({ option }) => option.variadic || option.long === '--header');
    expect(repeatable.map(({ path, option }) => `${path.join(' ')} ${option.long}`).sort()).toEqual(['recall --user', 'send-reminders --header', 'users sync --header']);
    for (const { path, option } of repeatable) {
      const help = await runCli([...path, '--help']);
      const start = help.stdout.indexOf(`  ${option.flags}`);
      const entry = help.stdout.slice(start, help.stdout.indexOf('\n  -', start + 1)).replace(/\s+/g, ' ');
      expect(entry).toContain('(repeatable)');
      const twice = await runCli(['--config-dir', configDir, ...path, option.long!, 'a', option.long!, 'b']);
      expect(twice.stderr).not.toContain('more than once');
    }
    const single = await runCli(['history', '--help']);
    expect(single.stdout).not.toContain('repeatable');
  });
});
