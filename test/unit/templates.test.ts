import { describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import { checkTemplate, DEFAULT_TEMPLATES, formatDue, render, templateFor, userText } from '../../src/delivery/templates.js';
import { UsageError } from '../../src/errors/index.js';
import { csvOriginalCell, csvSafeCell, csvSafeRows } from '../../src/io/csv-safe.js';
import { visible } from '../../src/text/terminal-safe.js';

const values = { to: '[To:1]A', title: 'T', due: 'D', url: 'U', from: 'F', message: 'M' };

describe('templates', () => {
  it('fills every placeholder, and leaves an unknown one empty', () => {
    expect(render('{to}|{title}|{due}|{url}|{from}|{message}', values)).toBe('[To:1]A|T|D|U|F|M');
    expect(render('{nope}x', values)).toBe('x');
  });

  it('never cuts a body: a value of any length goes in whole, and the planner decides whether it can be sent', () => {
    const template = DEFAULT_TEMPLATES.praise.ja;
    const body = render(template, { ...values, message: 'あ'.repeat(70_000) });
    expect(body.length).toBe(template.length - '{to}{from}{message}{url}'.length + '[To:1]AFU'.length + 70_000);
    expect(body.endsWith('あ\nU[/info]')).toBe(true);
    expect(render('{title}', { ...values, title: 'y'.repeat(MAX_BODY + 10) })).toHaveLength(MAX_BODY + 10);
  });

  it('takes a custom template per type and language, and refuses an unknown placeholder before sending', () => {
    const settings = { templates: { survey: { en: 'Hi {to}: {title}' } } };
    expect(templateFor(settings, 'survey', 'en')).toBe('Hi {to}: {title}');
    expect(templateFor(settings, 'survey', 'ja')).toBe(DEFAULT_TEMPLATES.survey.ja);
    expect(templateFor({ templates: {} }, 'praise', 'en')).toBe(DEFAULT_TEMPLATES.praise.en);
    const bad = { templates: { survey: { en: 'Hi {to} {name}' } } };
    expect(() => templateFor(bad, 'survey', 'en')).toThrow(UsageError);
    try {
      checkTemplate('{title} {oops}', 'praise', 'ja');
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).key).toBe('template.unknownPlaceholder');
      expect((error as UsageError).params).toEqual({ type: 'praise', lang: 'ja', name: '{oops}', known: '{to} {title} {due} {url} {from} {message}' });
    }
    expect(() => checkTemplate('{to}{title}{due}{url}{from}{message}', 'survey', 'en')).not.toThrow();
  });

  it('writes a due date the way each language reads it', () => {
    expect(formatDue('2026-12-04', 'ja')).toBe('2026年12月4日（金）');
    expect(formatDue('2026-11-29', 'ja')).toBe('2026年11月29日（日）');
    expect(formatDue('2026-12-04', 'en')).toBe('Fri, Dec 4, 2026');
    expect(formatDue(undefined, 'ja')).toBe('指定なし');
    expect(formatDue('', 'en')).toBe('none');
  });

  it('makes user text inert, and an absent one empty', () => {
    expect(userText('[info]')).toBe('［info］');
    expect(userText(undefined)).toBe('');
  });

  it('hashes what survives Chatwork: CRLF as LF, the ends trimmed, nothing else', () => {
    expect(hashBody(' a\r\nb \n')).toBe(hashBody('a\nb'));
    expect(hashBody('a\r\nb')).not.toBe(hashBody('a\n\nb'));
    expect(hashBody('a b')).not.toBe(hashBody('ab'));
    expect(hashBody('x')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('neutralisation', () => {
  it('prefixes a spreadsheet formula with an apostrophe, and reads it back exactly', () => {
    for (const risky of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x", "''+x"]) {
      const safe = csvSafeCell(risky);
      expect(safe).toBe(`'${risky}`);
      expect(csvOriginalCell(safe)).toBe(risky);
    }
    for (const plain of ['山田', 'a=b', "'plain", '', "it's"]) {
      expect(csvSafeCell(plain)).toBe(plain);
      expect(csvOriginalCell(plain)).toBe(plain);
    }
    expect(csvSafeRows([['=a', 'b'], ['c', '@d']])).toEqual([["'=a", 'b'], ['c', "'@d"]]);
  });

  it('shows terminal controls as text, newlines only when asked to keep them', () => {
    expect(visible('a\x1b]0;title\x07b')).toBe('a\\x1b]0;title\\x07b');
    expect(visible('\x9b31m\x7f\x00')).toBe('\\x9b31m\\x7f\\x00');
    expect(visible('x\u202ey\u2066z\u200f\u061c')).toBe('x<U+202E>y<U+2066>z<U+200F><U+061C>');
    expect(visible('a\nb')).toBe('a\\nb');
    expect(visible('a\nb\tc', { keepNewlines: true })).toBe('a\nb\\x09c');
    expect(visible('山田 太郎 ok ~')).toBe('山田 太郎 ok ~');
    expect(visible('\xa0\u200b')).toBe('\xa0\u200b');
  });
});
