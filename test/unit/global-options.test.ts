import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { runCli } from '../helpers/run-cli.js';

// A command's own option of a global option's name (templates' and invite's --lang) is the
// command's when it stands after the command; the CLI's own before it.
describe('global options before and after a command', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-globals-'));
  const file = join(configDir, 'praise.txt');
  writeFileSync(file, '{to} English praise {url}\n');
  const env = { LANG: 'ja_JP.UTF-8' };

  it('after `templates set` / `show`, --lang is the template language, and the CLI keeps its own', async () => {
    const saved = await runCli(['templates', 'set', 'praise', '--lang', 'en', '--file', file, '--config-dir', configDir], { env });
    expect(saved.code).toBe(ExitCode.ok);
    // The template is the English one; the CLI still speaks Japanese (LANG).
    expect(saved.stderr).toContain('称賛の英語テンプレートを保存しました');
    const en = await runCli(['--config-dir', configDir, 'templates', 'show', 'praise', '--lang', 'en'], { env });
    expect(en.code).toBe(ExitCode.ok);
    expect(en.stdout).toBe('{to} English praise {url}\n');
    const ja = await runCli(['--config-dir', configDir, 'templates', 'show', 'praise', '--lang', 'ja'], { env });
    expect(ja.code).toBe(ExitCode.ok);
    expect(ja.stdout).toContain('[title]称賛が届きました[/title]');
  });

  it('before a command, --lang is the CLI language only; after a command without its own --lang, too', async () => {
    const before = await runCli(['--lang', 'en', '--config-dir', configDir, 'templates', 'show', 'praise'], { env });
    expect(before.code).toBe(ExitCode.ok);
    // The message language (Japanese by default) picks the template; --lang en only changed the CLI's words.
    expect(before.stdout).toContain('[title]称賛が届きました[/title]');
    expect(before.stderr).toContain('praise (称賛) (Japanese), built-in template');
    const after = await runCli(['templates', 'lang', '--config-dir', configDir, '--lang', 'en'], { env });
    expect(after.code).toBe(ExitCode.ok);
    expect(after.stderr).toContain('Messages are sent in Japanese.');
  });

  it('the same global option before and after the command is exit 2 naming it, and nothing runs', async () => {
    const other = mkdtempSync(join(tmpdir(), 'hmcw-globals-other-'));
    const result = await runCli(['--config-dir', other, 'templates', 'set', 'praise', '--lang', 'ja', '--file', file, '--config-dir', configDir], { env });
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain("'--config-dir'");
    const still = await runCli(['--config-dir', configDir, 'templates', 'show', 'praise', '--lang', 'ja'], { env });
    expect(still.stdout).toContain('[title]称賛が届きました[/title]');
  });
});
