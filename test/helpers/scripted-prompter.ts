import type { Prompter } from '../../src/io/prompter.js';

/** Answers prompts from a script, in order, and records what was asked. Fails on an unexpected question. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return answers.shift();
  };
  return {
    asked,
    input: async (message) => next(message) as string,
    password: async (message) => next(message) as string,
    confirm: async (message) => next(message) as boolean,
    select: async (message) => next(message) as never,
  };
}
