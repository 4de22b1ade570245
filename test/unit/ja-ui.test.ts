import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { commandPath } from '../../src/cli/help.js';
import { ExitCode } from '../../src/errors/index.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { promptThemes } from '../../src/io/prompter.js';
import { runCli } from '../helpers/run-cli.js';
import { strayEnglish } from './ja-english.js';

const program = await buildProgram(createTranslator('ja'), async () => {});
const commands: Command[] = [];
const walk = (command: Command) => { commands.push(command); command.commands.forEach(walk); };
program.commands.forEach(walk);
const paths = commands.map((c) => commandPath(c).split(' ').slice(1)).filter((p) => p[0] !== 'help');
/** Argument names are placeholders even where commander prints them bare (in the 引数 list). */
const argumentNames = new Set(commands.flatMap((c) => c.registeredArguments.map((a) => a.name())));
const stray = (text: string) => strayEnglish(stripVTControlCharacters(text).split('\n').filter((line) => !line.trimStart().startsWith('$ ')).join('\n'))
  .filter((word) => !argumentNames.has(word));

describe('every command in Japanese: help, errors and prompts carry no stray English', () => {
  it('help of every command', async () => {
    const found: string[] = [];
    for (const path of [[], ...paths]) {
      const { code, stdout } = await runCli(['--lang', 'ja', ...path, '--help']);
      expect(code, path.join(' ')).toBe(0);
      found.push(...stray(stdout).map((word) => `${path.join(' ') || '(program)'}: ${word}`));
    }
    expect(found).toEqual([]);
  });

  it('errors: usage, files, values, login', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-ja-'));
    const cases = [
      ['lnk'], ['link', '--atuo'], ['users', 'import'], ['users', 'import', join(dir, 'nope.csv')], ['destinations', 'set', 'survey'],
      ['calendar', 'frob'], ['history', '--since', 'yesterday'], ['send-reminders', '--input', join(dir, 'nope.json')], ['contacts'],
      ['auth', 'status'], ['destinations', 'set', 'survey', 'mail'], ['auth', 'login', '--timeout', '0'], ['calendar', '--days', 'x'],
      ['users', 'import', dir], ['state', 'migrate'], ['history', 'prune'], ['setup', 'extra'], ['auth', 'login', '--client-id'],
    ];
    const found: string[] = [];
    for (const args of cases) {
      const { code, stderr } = await runCli(['--lang', 'ja', '--config-dir', dir, '--secret-store', 'file', ...args]);
      expect(code, args.join(' ')).not.toBe(0);
      found.push(...stray(stderr).map((word) => `${args.join(' ')}: ${word}`));
    }
    expect(found).toEqual([]);
  });

  it("inquirer's own words: key hints, Yes/No, its errors", () => {
    const theme = promptThemes(createTranslator('ja'));
    const tip = stripVTControlCharacters(theme.select.style.keysHelpTip([['↑↓', 'navigate'], ['⏎', 'select']]));
    expect(tip).toBe('↑↓ 移動 • ⏎ 決定');
    expect(stray(theme.confirm.keywords.error())).toEqual([]);
    expect(stray(theme.select.i18n.disabledError)).toEqual([]);
  });
});

describe('help and global options (item 8)', () => {
  it('every command has 1 to 3 examples; a group points at its commands\' help', async () => {
    for (const path of [[], ...paths]) {
      const { stdout } = await runCli(['--lang', 'ja', ...path, '--help']);
      const examples = stdout.split('\n').filter((line) => line.startsWith('  $ himanager-chatwork'));
      expect(examples.length, path.join(' ')).toBeGreaterThanOrEqual(1);
      expect(examples.length, path.join(' ')).toBeLessThanOrEqual(3);
    }
    expect((await runCli(['--lang', 'ja', 'auth', '--help'])).stdout).toContain('詳しくは`himanager-chatwork auth <コマンド> --help`を参照してください。');
    // Help wraps Japanese between characters (src/cli/wrap.ts): read the text with its line breaks and indents folded.
    const linkHelp = (await runCli(['--lang', 'ja', 'link', '--help'])).stdout.replace(/\n\s+/g, '');
    expect(linkHelp).toContain('アカウントID（1000012');
  });

  it('a typo points at the help of the command it was made in, with the suggestion in Japanese', async () => {
    const { code, stderr } = await runCli(['--lang', 'ja', 'link', '--atuo']);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toContain('（もしかして: --auto）');
    expect(stderr).toContain('詳しくは`himanager-chatwork link --help`を参照してください。');
    expect(stderr).not.toContain('Did you mean');
  });

  it('--json works before the command, and always prints a JSON object, failures included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-json-'));
    const loggedOut = await runCli(['--json', '--config-dir', dir, '--secret-store', 'file', 'auth', 'status']);
    expect(loggedOut.code).toBe(ExitCode.auth);
    expect(JSON.parse(loggedOut.stdout)).toEqual({ error: { code: 'auth.needed', message: 'not logged in to Chatwork.', exitCode: ExitCode.auth } });
    const usage = await runCli(['--json', 'lnk']);
    expect(usage.code).toBe(ExitCode.usage);
    expect(JSON.parse(usage.stdout).error.code).toBe('usage.unknownCommand');
    const users = await runCli(['--config-dir', dir, '--json', 'users', 'list']);
    expect(users.code).toBe(0);
    expect(() => JSON.parse(users.stdout)).not.toThrow();
  });
});
