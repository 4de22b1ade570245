import { Command, Option } from 'commander';
import type { CommandDefinition, RunModule } from '../commands/definition.js';
import { helpConfig, listCommand, localiseHelp } from './help.js';
import { exitCodesHelp } from './exit-codes-help.js';
import { everyOptionOnce, onlyOnce } from './once.js';
import { acceptGlobalOptions, ownOptionValues } from './global-options.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/translate.js';
import { VERSION } from '../version.js';

interface Entry {
  /** As the program's help lists it (a test holds it to the definition). */
  usage: string;
  description: MessageKey;
  load: () => Promise<{ command: CommandDefinition }>;
}

/**
 * Every command of the product, in the order help lists them; a group lists its own. A
 * definition is imported only when the command line names its command, so that `--help`
 * reads one file, not one per command.
 */
const COMMANDS: Entry[] = [
  { usage: 'setup [options]', description: 'help.setup', load: () => import('../commands/setup/command.js') },
  { usage: 'auth', description: 'help.auth', load: () => import('../commands/auth/command.js') },
  { usage: 'users', description: 'help.users', load: () => import('../commands/users/command.js') },
  { usage: 'contacts [options]', description: 'help.contacts', load: () => import('../commands/contacts/command.js') },
  { usage: 'invite [options]', description: 'help.invite', load: () => import('../commands/invite/command.js') },
  { usage: 'rooms [options]', description: 'help.rooms', load: () => import('../commands/rooms/command.js') },
  { usage: 'link [options] [user] [contact]', description: 'help.link', load: () => import('../commands/link/command.js') },
  { usage: 'unlink <user>', description: 'help.unlink', load: () => import('../commands/unlink/command.js') },
  { usage: 'links [options]', description: 'help.links', load: () => import('../commands/links/command.js') },
  { usage: 'destinations [options]', description: 'help.destinations', load: () => import('../commands/destinations/command.js') },
  { usage: 'alerts [options]', description: 'help.alerts', load: () => import('../commands/alerts/command.js') },
  { usage: 'templates [options]', description: 'help.templates', load: () => import('../commands/templates/command.js') },
  { usage: 'recall [options]', description: 'help.recall', load: () => import('../commands/recall/command.js') },
  { usage: 'send-test [options]', description: 'help.sendTest', load: () => import('../commands/send-test/command.js') },
  { usage: 'reminders', description: 'help.reminders', load: () => import('../commands/reminders/command.js') },
  { usage: 'send-reminders [options]', description: 'help.sendReminders', load: () => import('../commands/send-reminders/command.js') },
  { usage: 'doctor [options]', description: 'help.doctor', load: () => import('../commands/doctor/command.js') },
  { usage: 'calendar [options] [action] [args...]', description: 'help.calendar', load: () => import('../commands/calendar/command.js') },
  { usage: 'state', description: 'help.state', load: () => import('../commands/state/command.js') },
  { usage: 'console [options]', description: 'help.console', load: () => import('../console/command/command.js') },
  { usage: 'history [options]', description: 'help.history', load: () => import('../commands/history/command.js') },
  { usage: 'sandbox [options]', description: 'help.sandbox', load: () => import('../commands/sandbox/command.js') },
];

export type RunCommand = (load: () => Promise<RunModule<object>>, options: object, command: Command) => Promise<void>;

/**
 * The program: its global options and every command. Only the commands argv names are
 * defined in full (all of them when there is no argv); the others are only listed.
 */
export async function buildProgram(t: Translate, runCommand: RunCommand, argv?: string[]): Promise<Command> {
  const program = new Command('himanager-chatwork')
    .description(t('help.program'))
    .version(VERSION, '-V, --version', t('help.opt.version'))
    .helpOption('-h, --help', t('help.opt.help'))
    .helpCommand('help [command]', t('help.cmd.help'))
    .option('--config-dir <dir>', t('help.opt.configDir'))
    .option('--lang <lang>', t('help.opt.lang'))
    .option('--no-color', t('help.opt.noColor'))
    .option('--verbose', t('help.opt.verbose'))
    .option('--secret-store <store>', t('help.opt.secretStore'))
    .option('--state <path|url>', t('help.opt.state'))
    .option('--log-format <format>', t('help.opt.logFormat'))
    .configureHelp(helpConfig(t))
    .showSuggestionAfterError(true)
    .enablePositionalOptions();
  everyOptionOnce(program);
  for (const entry of COMMANDS) {
    if (named(entry.usage.split(' ')[0]!, argv)) await register(program, (await entry.load()).command, { t, runCommand, argv, program });
    else listCommand(program, entry.usage, t(entry.description));
  }
  localiseHelp(program, t);
  program.addHelpText('after', exitCodesHelp(t));
  return program;
}

interface Registration { t: Translate; runCommand: RunCommand; argv?: string[]; program: Command }

/** A definition made a commander command: its action only maps what was parsed to the run's options. */
async function register(parent: Command, definition: CommandDefinition, context: Registration): Promise<void> {
  const { t, runCommand, argv, program } = context;
  const command = parent.command(definition.name).description(t(definition.description));
  for (const argument of definition.arguments ?? []) command.argument(argument.name, argument.description && t(argument.description));
  for (const option of definition.options ?? []) {
    const made = new Option(option.flags, t(option.description)).makeOptionMandatory(option.required === true);
    command.addOption(option.parse ? onlyOnce(command, made.argParser(option.parse), true) : onlyOnce(command, made, false));
  }
  acceptGlobalOptions(command, program);
  const { run, toOptions } = definition;
  if (run) {
    // commander calls an action with each argument's value, the option values, then the command;
    // the option values are read from the command, without the global options' copies.
    command.action((...values: unknown[]) => {
      const parsed = ownOptionValues(command);
      definition.arguments?.forEach((argument, i) => { parsed[argument.name.replace(/[<>[\].]/g, '')] = values[i]; });
      return runCommand(run, toOptions ? toOptions(parsed, command) : parsed, command);
    });
  }
  if (definition.commands && named(definition.name, argv)) {
    for (const { command: verb } of await Promise.all(definition.commands())) await register(command, verb, context);
  }
}

/** Whether the command line may run this command or show its help: it names it somewhere. */
function named(name: string, argv: string[] | undefined): boolean {
  return !argv || argv.includes(name);
}
