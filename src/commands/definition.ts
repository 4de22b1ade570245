import type { Command } from 'commander';
import type { Deps } from '../deps/deps.js';
import type { MessageKey } from '../i18n/catalog.js';

/** What a command's run module exports: a pure run(options, deps). A number is an exit code. */
export interface RunModule<O> {
  run(options: O, deps: Deps): Promise<number | void>;
}

/** `<file>`, `[ids...]`: its value goes to the options under its bare name (`file`, `ids`). */
interface ArgumentDefinition { name: string; description?: MessageKey }

export interface OptionDefinition {
  flags: string;
  description: MessageKey;
  /** The command fails without it (commander's requiredOption). */
  required?: boolean;
  /** Called for each occurrence with the value and what the earlier ones gave. */
  parse?: (value: string, previous: string[] | undefined) => string[];
}

/**
 * One command as plain data, next to its run: the words and flags commander registers, how
 * what it parsed becomes the run's options, and the run itself, imported only when the command
 * runs. Plain data (only src/cli/program.ts calls commander): a definition costs one small file to read.
 */
export interface CommandDefinition<O extends object = object> {
  name: string;
  description: MessageKey;
  arguments?: ArgumentDefinition[];
  options?: OptionDefinition[];
  /** The options when they are more than the flags' and arguments' values as parsed. */
  toOptions?: (parsed: Record<string, unknown>, command: Command) => O;
  run?: () => Promise<RunModule<O>>;
  /** A group's commands, imported only when the command line names the group. */
  commands?: () => Promise<{ command: CommandDefinition }>[];
}
