import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { commandPath } from '../../src/cli/help.js';
import { main } from '../../src/cli/main.js';
import { wrapForHelp } from '../../src/cli/wrap.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { displayWidth } from '../../src/io/display-width.js';

// Help is wrapped to the terminal, at places a reader allows: never inside a word, an option,
// or a number with its unit (65,535文字, 3d, --max-input-size), never a line starting with 、。）.
const program = await buildProgram(createTranslator('en'), async () => {});
const commands: Command[] = [];
const walk = (command: Command) => { commands.push(command); command.commands.forEach(walk); };
program.commands.forEach(walk);
const paths = [[], ...commands.map((c) => commandPath(c).split(' ').slice(1)).filter((p) => p[0] !== 'help')];

/** `--help` as a terminal of `columns` columns shows it. */
async function helpAt(path: string[], lang: 'ja' | 'en', columns: number): Promise<string> {
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns });
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => { out += chunk; });
  const code = await main({ argv: ['--lang', lang, '--no-color', ...path, '--help'], env: { ...process.env, LANG: 'en_US.UTF-8' }, streams: { stdin: new PassThrough(), stdout, stderr } as never });
  expect(code, path.join(' ')).toBe(0);
  return out;
}

const UNIT = '(?:文字|バイト|時間|日間|か月|件目|人|件|日|秒|分|回|個|行|列|倍|桁|年|月|週|時|円|%|％)';
/** The pieces a break must not split: ASCII words (with the unit after a number). */
function tokens(text: string): string[] {
  return text.match(new RegExp(`[!-~]+(?<=\\d)${UNIT}|[!-~]+`, 'gu')) ?? [];
}
const occurrences = (text: string, token: string) => text.split(token).length - 1;
const LINE_START_FORBIDDEN = /^\s+[、。，．）」』】〕〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？：；]/mu;

describe('help wrapping', () => {
  it('breaks Japanese between characters but never inside a word, an option or a number with its unit', () => {
    const text = '1件のメッセージは最大65,535文字です。--max-input-sizeで上限を変えられます。3dは3日、保留19件（18人）。';
    for (const width of [10, 16, 24, 40]) {
      const lines = wrapForHelp(text, width).split('\n');
      expect(lines.join(''), String(width)).toBe(text);
      for (const token of ['65,535文字', '--max-input-size', '3d', '19件', '18人']) expect(lines.some((l) => l.includes(token)), `${token} at ${width}`).toBe(true);
      for (const line of lines) expect(line, String(width)).not.toMatch(/^[、。）ー]/u);
      // Only a word wider than the line may overflow it.
      for (const line of lines) expect(displayWidth(line) <= width || !/[^!-~]/u.test(line.replace(/[!-~]+/g, '').slice(1)), `${line} at ${width}`).toBe(true);
    }
  });

  it('keeps an opening bracket with what follows and a closing one with what precedes', () => {
    const lines = wrapForHelp('あいうえお（かきくけこ）さしすせそ', 10).split('\n');
    expect(lines.every((l) => !l.endsWith('（') && !l.startsWith('）'))).toBe(true);
  });

  it.each(['ja', 'en'] as const)('every command\'s --help in %s, at 40, 60, 80 and 100 columns', async (lang) => {
    const broken: string[] = [];
    for (const path of paths) {
      const whole = await helpAt(path, lang, 10_000);
      const expected = new Map<string, number>();
      for (const token of tokens(whole)) expected.set(token, occurrences(whole, token));
      for (const columns of [40, 60, 80, 100]) {
        const wrapped = await helpAt(path, lang, columns);
        for (const [token, count] of expected) {
          if (occurrences(wrapped, token) < count) broken.push(`${path.join(' ') || '(program)'} @${columns}: ${token}`);
        }
        if (LINE_START_FORBIDDEN.test(wrapped)) broken.push(`${path.join(' ') || '(program)'} @${columns}: ${LINE_START_FORBIDDEN.exec(wrapped)![0].trim()} starts a line`);
      }
    }
    expect(broken).toEqual([]);
  }, 120_000);

  it('a Japanese description is wrapped at all (it has no spaces to break at)', async () => {
    const wrapped = await helpAt(['send-reminders'], 'ja', 80);
    expect(wrapped.split('\n').filter((line) => displayWidth(line) > 80 && !line.includes('$ '))).toEqual([]);
  });
});
