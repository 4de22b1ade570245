import type { Message } from '../errors.js';
import { MAX_BODY } from './notation.js';
import { PLACEHOLDERS, render, type TemplateValues } from './templates.js';

/** The paired tags Chatwork draws; an unclosed one swallows the rest of the message. */
const PAIRED = ['info', 'title', 'code', 'qt'] as const;

/**
 * Everything wrong with a template, each with its line: an unknown placeholder (naming the
 * valid ones), an unbalanced [info]/[title]/[code]/[qt], an empty text, a message that would
 * not fit Chatwork's 65,535 characters with typical values. Warnings do not stop a save.
 */
export function templateProblems(template: string): { errors: Message[]; warnings: Message[] } {
  const errors: Message[] = [];
  const warnings: Message[] = [];
  if (template.trim() === '') return { errors: [{ key: 'admin.templates.problem.empty' }], warnings };
  const lineOf = (index: number) => template.slice(0, index).split('\n').length;
  const known = PLACEHOLDERS.map((p) => `{${p}}`).join(' ');
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      errors.push({ key: 'admin.templates.problem.placeholder', params: { line: lineOf(match.index), name: match[0], known } });
    }
  }
  const open = new Map<string, number[]>(PAIRED.map((tag) => [tag, []]));
  for (const match of template.matchAll(/\[(\/?)(info|title|code|qt)(?:\]|\s[^\]]*\])/g)) {
    const stack = open.get(match[2]!)!;
    if (match[1] === '') stack.push(match.index);
    else if (stack.length) stack.pop();
    else errors.push({ key: 'admin.templates.problem.unopened', params: { line: lineOf(match.index), tag: match[2]! } });
  }
  for (const [tag, stack] of open) for (const index of stack) errors.push({ key: 'admin.templates.problem.unclosed', params: { line: lineOf(index), tag } });
  const length = render(template, TYPICAL).length;
  if (length >= MAX_BODY || template.length > MAX_BODY) {
    errors.push({ key: 'admin.templates.problem.tooLong', params: { length: Math.max(length, template.length), max: MAX_BODY } });
  }
  if (!template.includes('{to}')) warnings.push({ key: 'admin.templates.warn.noTo' });
  return { errors, warnings };
}

/** Values of a usual size: a few people, a long title, a praise message of a paragraph. */
const TYPICAL: TemplateValues = {
  to: '[To:1000001]山田 太郎さん'.repeat(3), title: 'タ'.repeat(100), due: '2026年12月4日（金）', url: `https://app.himanager.example/${'x'.repeat(80)}`,
  from: '佐藤 花子', message: 'あ'.repeat(2000),
};
