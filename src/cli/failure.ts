import { CommanderError } from 'commander';
import { CliError, ExitCode, fileSystemError, renderError, UsageError } from '../errors/index.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/translate.js';
import { maskUrls } from '../text/mask.js';

const commanderMessages: Record<string, MessageKey> = {
  'commander.unknownOption': 'usage.unknownOption',
  'commander.unknownCommand': 'usage.unknownCommand',
  'commander.missingArgument': 'usage.missingArgument',
  'commander.optionMissingArgument': 'usage.optionMissingArgument',
  'commander.excessArguments': 'usage.excessArguments',
  'commander.missingMandatoryOptionValue': 'usage.missingOption',
  'commander.invalidArgument': 'usage.invalidArgument',
  'commander.conflictingOption': 'usage.conflictingOption',
  'commander.optionRepeated': 'usage.optionRepeated',
  // A group called without its command: commander prints the group's help (stderr).
  'commander.help': 'usage.needCommand',
};

/** What --json prints when the command failed: {"error": {"code", "message"}}. */
export function errorJson(error: unknown, t: Translate): { error: { code: string; message: string; exitCode: number; raw?: string } } {
  if (error instanceof CommanderError) {
    const key = commanderMessages[error.code];
    const arg = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return { error: { code: error.code.replace(/^commander\./, 'usage.'), message: key ? t(key, { arg }) : error.message.replace(/^error: /, ''), exitCode: ExitCode.usage } };
  }
  const mapped = fileSystemError(error);
  if (mapped instanceof CliError) {
    // The server's own words go with the message, for a program or support to look up.
    return { error: { code: mapped.key, message: maskUrls(t(mapped.key, mapped.params)), exitCode: mapped.exitCode, ...(mapped.raw ? { raw: maskUrls(mapped.raw) } : {}) } };
  }
  return { error: { code: 'unexpected', message: error instanceof Error ? maskUrls(error.message) : String(error), exitCode: ExitCode.error } };
}

/** A parse error (or a group called without its command) on stderr, in the admin's language; exit 2. */
export function commanderExit(error: CommanderError, t: Translate, writeErr: (text: string) => void, command = 'himanager-chatwork'): number {
  // A group called without a subcommand: commander has printed its help to stderr.
  if (error.code === 'commander.help') return ExitCode.usage;
  const key = commanderMessages[error.code];
  const arg = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const detail = key ? t(key, { arg }) : error.message.replace(/^error: /, '');
  const usage = new UsageError('error.usage', { detail });
  for (const line of renderError(usage, t, false)) writeErr(`${line}\n`);
  // commander's "(Did you mean …?)", in the admin's language.
  const suggestion = /\(Did you mean (?:one of )?([^?]*)\?\)/.exec(error.message)?.[1];
  if (suggestion) writeErr(`${t('usage.didYouMean', { suggestion })}\n`);
  writeErr(`${t('usage.seeHelp', { command })}\n`);
  return ExitCode.usage;
}
