import type { Message } from '../errors/index.js';
import { MAX_BODY } from './notation.js';
import { LIMIT_PARAMS, longestBody } from './template-limit.js';
import { PLACEHOLDERS } from './templates.js';

/** The paired tags Chatwork draws; an unclosed one swallows the rest of the message. */
const PAIRED = ['info', 'title', 'code', 'qt'] as const;

/**
 * Everything wrong with a template, each with its line: an unknown placeholder (naming the
 * valid ones), an unbalanced [info]/[title]/[code]/[qt], an empty text, a message that would
 * not fit Chatwork's 65,535 characters with the longest values the input accepts. Warnings do not stop a save.
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
  // The longest values the input accepts, not typical ones: a template that can overflow is
  // refused here, so that a valid record never makes a message Chatwork would not take.
  const length = Math.max(longestBody(template), template.length);
  if (length > MAX_BODY) errors.push({ key: 'templates.problem.mayExceed', params: { length, ...LIMIT_PARAMS } });
  if (!template.includes('{to}')) warnings.push({ key: 'admin.templates.warn.noTo' });
  return { errors, warnings };
}

