import { CancelError } from '../errors/index.js';
import { styleText } from 'node:util';
import type { Translate } from '../i18n/translate.js';
import type { Io } from './io.js';

interface Choice<T> { name: string; value: T; description?: string }

/** The only door to @inquirer/prompts: commands ask through this, tests answer through a fake. */
export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(message: string, options?: { validate?: (value: string) => true | string }): Promise<string>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[], options?: { default?: T }): Promise<T>;
}

/**
 * inquirer's own words (the key hints, Yes/No, its errors) in the admin's language.
 * Typing y or n stays accepted in every language: it is what fingers know.
 */
export function promptThemes(t: Translate) {
  return {
    confirm: {
      keywords: { yes: 'yes', no: 'no', error: () => t('prompt.confirmError') },
    },
    select: {
      style: {
        keysHelpTip: (keys: [string, string][]) => keys
          .map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', action === 'navigate' ? t('prompt.keyNavigate') : action === 'select' ? t('prompt.keySelect') : action)}`)
          .join(styleText('dim', ' • ')),
      },
      i18n: { disabledError: t('prompt.disabled') },
    },
  };
}

export function createPrompter(_io: Io, t?: Translate): Prompter {
  const load = () => import('@inquirer/prompts');
  const theme = t ? promptThemes(t) : undefined;
  const yesNo = t ? (value: boolean) => t(value ? 'prompt.yes' : 'prompt.no') : undefined;
  return {
    input: (message, options = {}) => cancellable(async () => (await load()).input({ message, ...options })),
    password: (message, options = {}) => cancellable(async () => (await load()).password({ message, mask: '*', ...options })),
    confirm: (message, options = {}) => cancellable(async () => (await load()).confirm({ message, ...options, ...(theme ? { theme: theme.confirm, transformer: yesNo } : {}) })),
    select: (message, choices, options = {}) => cancellable(async () => (await load()).select({ message, choices, ...options, ...(theme ? { theme: theme.select } : {}) })),
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
