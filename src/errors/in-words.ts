import type { Translate } from '../i18n/translate.js';
import { CliError } from './cli-error.js';
import { fileSystemError } from './file-system.js';

/**
 * An error said in the admin's language, to go inside another message ("…を取得できませんでした
 * （{detail}）"): a typed error by its catalog words, never its English `message`. Only an error
 * nobody foresaw keeps its own text (a bug to report; --verbose shows its stack).
 */
export function errorInWords(error: unknown, t: Translate): string {
  const mapped = fileSystemError(error);
  if (mapped instanceof CliError) return t(mapped.key, mapped.params).replace(/[。.]$/u, '');
  return error instanceof Error ? error.message : String(error);
}
