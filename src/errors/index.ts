import type { Translate } from '../i18n/translate.js';
import { maskUrls } from '../text/mask.js';
import { CancelError, CliError, ExitCode, SilentError } from './cli-error.js';
import { fileSystemError } from './file-system.js';

// How an error ends the command: its exit code and its lines for stderr (below). The typed
// errors and the exit-code table are in errors/cli-error.ts, what the operating system said
// in errors/file-system.ts; every name is importable from here.
export * from './cli-error.js';
export * from './file-system.js';
export { errorInWords } from './in-words.js';

export function exitCodeFor(error: unknown): number {
  const mapped = fileSystemError(error);
  return mapped instanceof CliError ? mapped.exitCode : ExitCode.error;
}

/**
 * One place that turns any error into lines for stderr, in the admin's language. A URL's
 * credentials and query values never show; the caller writes the lines through the io,
 * which masks every known secret as well.
 */
export function renderError(error: unknown, t: Translate, verbose: boolean): string[] {
  return describeError(fileSystemError(error), t, verbose).map(maskUrls);
}

function describeError(error: unknown, t: Translate, verbose: boolean): string[] {
  if (error instanceof SilentError) return [];
  // A cancel is the admin's choice, not an error: said plainly, without the prefix.
  if (error instanceof CancelError) return [t(error.key, error.params)];
  if (error instanceof CliError) {
    const lines = [`${t('error.prefix')} ${t(error.key, error.params)}`];
    for (const detail of error.details) lines.push(`${detail.prefix ?? ''}${t(detail.key, detail.params)}`);
    if (error.hint) lines.push(t(error.hint.key, error.hint.params));
    if (verbose && error.raw) lines.push(`  ${t('error.raw')} ${error.raw}`);
    if (verbose && error.cause instanceof Error) lines.push(`  cause: ${error.cause.message}`);
    return lines;
  }
  const detail = error instanceof Error ? (verbose ? error.stack ?? error.message : error.message) : String(error);
  return [`${t('error.prefix')} ${t('error.unexpected')}`, `  ${detail}`];
}
