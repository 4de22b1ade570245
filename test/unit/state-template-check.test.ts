import { describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../src/delivery/notation.js';
import { templateProblems } from '../../src/delivery/template-check.js';
import { checkTemplateFits, LIMIT_PARAMS, longestBody } from '../../src/delivery/template-limit.js';
import { UsageError } from '../../src/errors/index.js';

const KNOWN = '{to} {title} {due} {url} {from} {message}';
const problems = (template: string) => templateProblems(template).errors.map((e) => [e.key, e.params?.tag ?? e.params?.name, e.params?.line]);

describe('the template check, tag by tag: each pair closed, unclosed and closing nothing', () => {
  it.each(['info', 'title', 'code', 'qt'])('[%s] closed in the same line, across lines and nested is fine', (tag) => {
    expect(problems(`{to}[${tag}]x[/${tag}]`)).toEqual([]);
    expect(problems(`{to}\n[${tag}]\nx\n[/${tag}]`)).toEqual([]);
    expect(problems(`{to}[${tag}][${tag}]x[/${tag}][/${tag}]`)).toEqual([]);
    // The opening tag may carry attributes after a space or a tab.
    expect(problems(`{to}[${tag} a=1]x[/${tag}]`)).toEqual([]);
    expect(problems(`{to}[${tag}\ta=1]x[/${tag}]`)).toEqual([]);
  });

  it.each(['info', 'title', 'code', 'qt'])('[%s] left open is named with the line it opens on; a second one too', (tag) => {
    expect(problems(`{to}\n\n[${tag}]x`)).toEqual([['admin.templates.problem.unclosed', tag, 3]]);
    expect(problems(`[${tag}]\n[${tag}]\n[/${tag}]{to}`)).toEqual([['admin.templates.problem.unclosed', tag, 1]]);
    expect(problems(`[${tag}]\n[${tag}]{to}`)).toEqual([['admin.templates.problem.unclosed', tag, 1], ['admin.templates.problem.unclosed', tag, 2]]);
  });

  it.each(['info', 'title', 'code', 'qt'])('[/%s] that closes nothing is named with its line, and does not close a later one', (tag) => {
    expect(problems(`{to}\n[/${tag}]`)).toEqual([['admin.templates.problem.unopened', tag, 2]]);
    expect(problems(`{to}[/${tag}][${tag}]`)).toEqual([['admin.templates.problem.unopened', tag, 1], ['admin.templates.problem.unclosed', tag, 1]]);
  });

  it('one tag never closes another', () => {
    expect(problems('{to}[info]x[/title]')).toEqual([['admin.templates.problem.unopened', 'title', 1], ['admin.templates.problem.unclosed', 'info', 1]]);
    expect(problems('{to}[qt]x[/code]\n[code]')).toEqual([
      ['admin.templates.problem.unopened', 'code', 1], ['admin.templates.problem.unclosed', 'code', 2], ['admin.templates.problem.unclosed', 'qt', 1],
    ]);
  });

  it('judges only the four paired tags, whole: a longer name, a tag not ended, or another tag is text', () => {
    for (const text of ['[infox]', '[qtmeta aid=1 time=2]', '[information]', '[info', '[/info', '[titles]', '[hr]', '[toall]', '[task]', '[/task]', '[To:1]', '[INFO]', '[ info]', '[/ info]', '[code ']) {
      expect(problems(`{to}${text}`), text).toEqual([]);
    }
  });
});

describe('the template check: placeholders, emptiness and the {to} warning', () => {
  it('names an unknown placeholder, its line, and the ones there are', () => {
    expect(templateProblems('{to}\n\n{name} {title} {Title}').errors).toEqual([
      { key: 'admin.templates.problem.placeholder', params: { line: 3, name: '{name}', known: KNOWN } },
      { key: 'admin.templates.problem.placeholder', params: { line: 3, name: '{Title}', known: KNOWN } },
    ]);
    // Not a placeholder at all: no word inside the braces.
    expect(templateProblems('{to}{ title }{}{-}').errors).toEqual([]);
  });

  it('refuses an empty template or one of only white space, and nothing else about it', () => {
    for (const text of ['', ' ', '\n\t ']) expect(templateProblems(text)).toEqual({ errors: [{ key: 'admin.templates.problem.empty' }], warnings: [] });
    expect(templateProblems('x')).toEqual({ errors: [], warnings: [{ key: 'admin.templates.warn.noTo' }] });
    expect(templateProblems('{to}')).toEqual({ errors: [], warnings: [] });
    expect(templateProblems('{to}[info]').warnings).toEqual([]);
  });

  it('measures the template itself where its placeholders fill less than they take: unknown ones make nothing', () => {
    const template = `${'x'.repeat(MAX_BODY - 4)}{zz}{zz}`;
    expect(longestBody(template)).toBeLessThan(MAX_BODY);
    expect(template.length).toBeGreaterThan(MAX_BODY);
    const mayExceed = templateProblems(template).errors.find((e) => e.key === 'templates.problem.mayExceed');
    expect(mayExceed).toEqual({ key: 'templates.problem.mayExceed', params: { length: template.length, ...LIMIT_PARAMS } });
    let error: unknown;
    try { checkTemplateFits(template, 'survey', 'ja'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).params).toMatchObject({ type: 'survey', lang: 'ja', length: template.length, max: MAX_BODY });
  });

  it('at send time, a template that fits is let through every time, and one that does not is refused every time', () => {
    const fits = `{to}{title}${'x'.repeat(MAX_BODY - longestBody('{to}{title}'))}`;
    const over = `${fits}x`;
    for (let i = 0; i < 2; i++) {
      expect(() => checkTemplateFits(fits, 'praise', 'en')).not.toThrow();
      expect(() => checkTemplateFits(over, 'praise', 'en')).toThrow(UsageError);
    }
  });
});
