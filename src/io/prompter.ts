import { CancelError } from '../errors.js';
import type { Io } from './io.js';

export interface Choice<T> { name: string; value: T; description?: string }

/** The only door to @inquirer/prompts: commands ask through this, tests answer through a fake. */
export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(message: string, options?: { validate?: (value: string) => true | string }): Promise<string>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[], options?: { default?: T }): Promise<T>;
}

export function createPrompter(_io: Io): Prompter {
  const load = () => import('@inquirer/prompts');
  return {
    input: (message, options = {}) => cancellable(async () => (await load()).input({ message, ...options })),
    password: (message, options = {}) => cancellable(async () => (await load()).password({ message, mask: '*', ...options })),
    confirm: (message, options = {}) => cancellable(async () => (await load()).confirm({ message, ...options })),
    select: (message, choices, options = {}) => cancellable(async () => (await load()).select({ message, choices, ...options })),
  };
}

/** Ctrl-C inside a prompt is the user cancelling, exit 130, not a crash. */
async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CancelError('error.cancelled');
    throw error;
  }
}
