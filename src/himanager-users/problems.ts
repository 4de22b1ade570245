import { UsageError, type Message } from '../errors/index.js';
import type { Problem } from './table-file.js';

const SHOWN = 50;

/** Bad input: exit 2, every problem with its file and line, and nothing changed. */
export function invalidFile(path: string, problems: Problem[]): UsageError {
  const details: Message[] = problems.slice(0, SHOWN).map((problem) => ({
    key: problem.key, params: problem.params, prefix: `  ${path}:${problem.line}${problem.record ? ` #${problem.record}` : ''}: `,
  }));
  if (problems.length > SHOWN) details.push({ key: 'file.moreProblems', params: { count: problems.length - SHOWN } });
  return new ProblemsError(path, problems, details);
}

/** Carries the problems themselves too, so --json can list them and the renderer can translate each. */
class ProblemsError extends UsageError {
  constructor(readonly path: string, readonly problems: Problem[], details: Message[]) {
    super('file.invalid', { path, count: problems.length }, { details });
  }
}
