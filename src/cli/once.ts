import type { Command, Option } from 'commander';

/** Options that take a value more than once (each occurrence adds one): help says so. */
export const repeatable = new WeakSet<Option>();

/**
 * A single-valued option given twice is a usage error (exit 2), never "the last one wins":
 * `recall --reminder a --reminder b` used to recall only b. One rule for every command and
 * the program's global options, so no command can forget it. Variadic options and those with
 * a parser of their own (`--header`, collected) are repeatable and marked so for help.
 */
export function onlyOnce(command: Command, option: Option, ownParser: boolean): Option {
  if (option.variadic || ownParser) {
    repeatable.add(option);
    return option;
  }
  if (!option.required && !option.optional) return option; // a flag: --json twice is still --json
  return option.argParser((value: string, previous: unknown) => {
    if (previous !== undefined && previous !== option.defaultValue) {
      command.error(`error: option '${option.long ?? option.flags}' was given more than once`, { code: 'commander.optionRepeated', exitCode: 2 });
    }
    return value;
  });
}

/** The same rule for options added straight to a command (the program's global ones). */
export function everyOptionOnce(command: Command): void {
  for (const option of command.options) onlyOnce(command, option, false);
}
