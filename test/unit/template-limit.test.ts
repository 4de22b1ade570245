import { describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../src/delivery/notation.js';
import { templateProblems } from '../../src/delivery/template-check.js';
import { checkTemplateFits, LONGEST_VALUES, longestBody } from '../../src/delivery/template-limit.js';
import { DEFAULT_TEMPLATES, formatDue } from '../../src/delivery/templates.js';
import { UsageError } from '../../src/errors/index.js';
import { MAX_NAME, REMINDER_LIMITS } from '../../src/validation/records.js';

const keys = (template: string) => templateProblems(template).errors.map((e) => e.key);

describe('the template check: the longest values the input accepts, not typical ones', () => {
  it('accepts every default template, each with room to spare', () => {
    for (const [type, langs] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const [lang, text] of Object.entries(langs)) {
        expect(keys(text), `${type}/${lang}`).toEqual([]);
        expect(longestBody(text)).toBeLessThan(MAX_BODY / 2);
        expect(() => checkTemplateFits(text, type as 'survey', lang as 'ja')).not.toThrow();
      }
    }
  });

  it('rejects {title} four times, in templates set/edit/preview and at send time, saying what the limits are', () => {
    const template = '{to}\n[info]{title}\n{title}\n{title}\n{title}\n{url}[/info]';
    const { errors } = templateProblems(template);
    expect(errors).toEqual([{ key: 'templates.problem.mayExceed', params: {
      length: longestBody(template), text: REMINDER_LIMITS.title, url: REMINDER_LIMITS.url, name: MAX_NAME, max: MAX_BODY,
    } }]);
    expect(longestBody(template)).toBeGreaterThan(4 * REMINDER_LIMITS.title);
    try {
      checkTemplateFits(template, 'survey', 'en');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).key).toBe('template.mayExceed');
      expect((error as UsageError).params).toMatchObject({ type: 'survey', lang: 'en', length: longestBody(template), max: MAX_BODY });
    }
    // Three fit: the check measures, it does not count placeholders.
    expect(keys('{to}\n{title}\n{title}\n{title}')).toEqual([]);
  });

  it('draws the line at exactly 65,535 characters with the longest values', () => {
    const base = '{to}{title}{message}{url}{from}{due}';
    const room = MAX_BODY - longestBody(base);
    expect(keys(`${base}${'x'.repeat(room)}`)).toEqual([]);
    expect(longestBody(`${base}${'x'.repeat(room)}`)).toBe(MAX_BODY);
    expect(keys(`${base}${'x'.repeat(room + 1)}`)).toEqual(['templates.problem.mayExceed']);
    expect(() => checkTemplateFits(`${base}${'x'.repeat(room + 1)}`, 'praise', 'ja')).toThrow(UsageError);
  });

  it('fills {to} with one mention of the longest name, and the other placeholders with the input limits', () => {
    expect(LONGEST_VALUES.to.length).toBe('[To:]'.length + 16 + MAX_NAME + 'さん'.length);
    expect(LONGEST_VALUES.title).toHaveLength(REMINDER_LIMITS.title);
    expect(LONGEST_VALUES.message).toHaveLength(REMINDER_LIMITS.message);
    expect(LONGEST_VALUES.url).toHaveLength(REMINDER_LIMITS.url);
    expect(LONGEST_VALUES.from).toHaveLength(MAX_NAME);
    for (const lang of ['ja', 'en'] as const) expect(formatDue('2026-09-30', lang).length).toBeLessThanOrEqual(LONGEST_VALUES.due.length);
  });
});
