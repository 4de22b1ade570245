import { describe, expect, it } from 'vitest';
import { templateProblems } from '../../src/delivery/template-check.js';
import { drawMessage } from '../../src/delivery/terminal-render.js';
import { DEFAULT_TEMPLATES } from '../../src/delivery/templates.js';

const plain = { bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, green: (s: string) => s, yellow: (s: string) => s, cyan: (s: string) => s };

describe('drawing a message as Chatwork does', () => {
  it('To chips, an info box with its title and rules, sized to the widest line (full-width counts double)', () => {
    const lines = drawMessage('[To:1]山田さん\n[To:2]佐藤さん\n[info][title]お願い[/title]本文です[hr]https://x.example[/info]', plain);
    expect(lines).toEqual([
      'TO 山田さん',
      'TO 佐藤さん',
      '┌───────────────────┐',
      '│ ⓘ お願い          │',
      '├───────────────────┤',
      '│ 本文です          │',
      '├───────────────────┤',
      '│ https://x.example │',
      '└───────────────────┘',
    ]);
  });

  it('[toall], a quote and neutralised user text (full-width brackets stay text)', () => {
    expect(drawMessage('[toall]\n[qt][qtmeta aid=1 time=2]引用[/qt]\n［To:3］は文字', plain)).toEqual(['TO ALL', '┃ 引用', '［To:3］は文字']);
  });

  it('every built-in template is valid', () => {
    for (const langs of Object.values(DEFAULT_TEMPLATES)) for (const text of Object.values(langs)) expect(templateProblems(text).errors).toEqual([]);
  });

  it('finds unknown placeholders, unbalanced tags, emptiness and length, each with its line', () => {
    expect(templateProblems('  \n').errors.map((e) => e.key)).toEqual(['admin.templates.problem.empty']);
    const { errors, warnings } = templateProblems('[info]\n{nope}[/title]\n[code]x');
    expect(errors.map((e) => [e.key, e.params?.line])).toEqual([
      ['admin.templates.problem.placeholder', 2], ['admin.templates.problem.unopened', 2],
      ['admin.templates.problem.unclosed', 1], ['admin.templates.problem.unclosed', 3],
    ]);
    expect(warnings.map((w) => w.key)).toEqual(['admin.templates.warn.noTo']);
    expect(templateProblems(`{to}${'x'.repeat(65_000)}{message}`).errors.map((e) => e.key)).toEqual(['templates.problem.mayExceed']);
  });

  it.each(['info', 'title', 'code', 'qt'])('[%s]: unclosed and unopened are errors naming the tag and its line; a closed pair (with attributes) is not', (tag) => {
    const problems = (text: string) => templateProblems(`{to}\n${text}`).errors.map((e) => [e.key, e.params?.tag, e.params?.line]);
    expect(problems(`本文\n[${tag}]開いたまま`)).toEqual([['admin.templates.problem.unclosed', tag, 3]]);
    expect(problems(`本文\n閉じるだけ[/${tag}]`)).toEqual([['admin.templates.problem.unopened', tag, 3]]);
    expect(problems(`[${tag}]一つ目[/${tag}]\n[${tag}]二つ目`)).toEqual([['admin.templates.problem.unclosed', tag, 3]]);
    expect(problems(`[${tag}]\n[${tag} aid=1 time=2]入れ子[/${tag}]\n[/${tag}]`)).toEqual([]);
  });
});
