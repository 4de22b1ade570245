import { Option, type Command } from 'commander';
import { onlyOnce } from './once.js';

/**
 * The program's options (`--config-dir`, `--lang`, …) are accepted before a command and after
 * it. Commander alone would take a program option wherever it stands, so a command's own
 * option of the same name never saw its value: `templates show praise --lang en` showed the
 * Japanese template in English. So the program's options are positional (before the command),
 * and every command gets a hidden copy of each one it does not define itself: after
 * `templates show`, `--lang` is the template's language; after `send-reminders`, the CLI's.
 */
const copies = new WeakSet<Option>();
const NOT_GLOBAL = new Set(['version', 'help']);

export function acceptGlobalOptions(command: Command, program: Command): void {
  for (const global of program.options) {
    if (NOT_GLOBAL.has(global.attributeName())) continue;
    if (command.options.some((own) => own.long === global.long || own.attributeName() === global.attributeName())) continue;
    const copy = new Option(global.flags, global.description).hideHelp();
    copies.add(copy);
    command.addOption(onlyOnce(command, copy, false));
  }
}

/** The command's option values without the copies: what its run() is given. */
export function ownOptionValues(command: Command): Record<string, unknown> {
  const values = { ...command.opts() };
  for (const option of command.options) if (copies.has(option)) delete values[option.attributeName()];
  return values;
}

/**
 * The global options in force: the program's, with any given after a command (on the command
 * line, not defaults such as --no-color's). One given both before and after is a usage error,
 * as any option given twice is.
 */
export function globalOptionValues(command: Command): Record<string, unknown> {
  const chain: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
  const program = chain[0]!;
  const values: Record<string, unknown> = { ...program.opts() };
  const givenAt = new Map<string, Command>();
  for (const option of program.options) if (program.getOptionValueSource(option.attributeName()) === 'cli') givenAt.set(option.attributeName(), program);
  for (const level of chain.slice(1)) {
    for (const option of level.options) {
      const name = option.attributeName();
      if (!copies.has(option) || level.getOptionValueSource(name) !== 'cli') continue;
      if (givenAt.has(name)) level.error(`error: option '${option.long ?? option.flags}' was given more than once`, { code: 'commander.optionRepeated', exitCode: 2 });
      givenAt.set(name, level);
      values[name] = level.getOptionValue(name);
    }
  }
  return values;
}
