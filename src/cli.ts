import { Command, CommanderError, Option } from 'commander';
import { CliError, SilentError, exitCodeFor, ExitCode, fileSystemError, renderError, UsageError } from './errors.js';
import { maskUrls } from './io/mask.js';
import { catalog, type MessageKey } from './i18n/catalog.js';
import { createTranslator, detectLang, isLang, type Lang, type Translate } from './i18n/translate.js';
import type { Clock } from './io/clock.js';
import { pipeBroken, watchBrokenPipe, type Io, type IoStreams } from './io/io.js';
import type { Deps, DepsOverrides } from './deps.js';
import { VERSION } from './version.js';
import stringWidth from 'string-width';

/** What a command module exports: a pure run(options, deps). A number is an exit code. */
export interface CommandModule<O = Record<string, unknown>> {
  run(options: O, deps: Deps): Promise<number | void>;
}
type Loader = () => Promise<CommandModule<never>>;

export interface MainContext {
  argv: string[];
  env: NodeJS.ProcessEnv;
  streams: IoStreams;
  clock?: Clock;
  overrides?: DepsOverrides;
}

/**
 * Every command of the product, in one place. Each action only maps argv to the
 * command's options; behaviour lives in src/commands/<name>.ts, imported on use.
 */
function defineCommands(program: Command, t: Translate, runCommand: RunCommand): void {
  const json = () => new Option('--json', t('help.opt.json'));
  const yes = () => new Option('-y, --yes', t('help.opt.yes'));

  program.command('setup').description(t('help.setup')).option('--redirect-uri <url>', t('help.opt.redirectUri'))
    .action((opts, cmd) => runCommand(() => import('./commands/setup.js'), opts, cmd));

  const auth = program.command('auth').description(t('help.auth'));
  auth.command('login').description(t('help.auth.login'))
    .option('--client-id <id>', t('help.opt.clientId'))
    .option('--client-secret-stdin', t('help.opt.clientSecretStdin'))
    .option('--redirect-uri <url>', t('help.opt.redirectUri'))
    .option('--no-browser', t('help.opt.noBrowser'))
    .option('--timeout <seconds>', t('help.opt.timeout'))
    .option('--new-secret', t('help.opt.newSecret'))
    .action((opts, cmd) => runCommand(() => import('./commands/auth-login.js'), opts, cmd));
  auth.command('status').description(t('help.auth.status')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/auth-status.js'), opts, cmd));
  auth.command('logout').description(t('help.auth.logout')).addOption(yes()).option('--purge', t('help.opt.purge'))
    .action((opts, cmd) => runCommand(() => import('./commands/auth-logout.js'), opts, cmd));

  const users = program.command('users').description(t('help.users'));
  users.command('import').description(t('help.users.import')).argument('<file>')
    .option('--encoding <encoding>', t('help.opt.encoding')).addOption(json())
    .action((file, opts, cmd) => runCommand(() => import('./commands/users-import.js'), { ...opts, file }, cmd));
  users.command('list').description(t('help.users.list')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/users-list.js'), opts, cmd));

  const contacts = program.command('contacts').description(t('help.contacts')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/contacts.js'), opts, cmd));
  contacts.command('requests').description(t('help.contacts.requests')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/contacts-requests.js'), opts, cmd));
  contacts.command('approve').description(t('help.contacts.approve')).argument('[ids...]', t('help.arg.requestIds'))
    .option('--auto', t('help.opt.approveAuto')).option('--user <user>', t('help.opt.approveUser'))
    .addOption(yes()).option('--dry-run', t('help.opt.dryRun')).addOption(json())
    .action((ids, opts, cmd) => runCommand(() => import('./commands/contacts-approve.js'), { ...opts, ids }, cmd));
  contacts.command('decline').description(t('help.contacts.decline')).argument('<ids...>', t('help.arg.requestIds')).addOption(json())
    .action((ids, opts, cmd) => runCommand(() => import('./commands/contacts-decline.js'), { ...opts, ids }, cmd));
  program.command('invite').description(t('help.invite'))
    .option('--users <ids|emails|file>', t('help.opt.inviteUsers')).option('--lang <lang>', t('help.opt.inviteLang'))
    .option('--format <format>', t('help.opt.format')).option('--output <file>', t('help.opt.output'))
    .option('--room <room_id>', t('help.opt.inviteRoom')).addOption(json())
    // --lang before or after `invite`: either way it is the invitation's language.
    .action((opts, cmd) => runCommand(() => import('./commands/invite.js'), { ...opts, lang: opts.lang ?? cmd.optsWithGlobals().lang }, cmd));
  program.command('rooms').description(t('help.rooms')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/rooms.js'), opts, cmd));

  program.command('link').description(t('help.link')).argument('[user]', t('help.arg.linkUser')).argument('[contact]', t('help.arg.linkContact'))
    .option('--auto', t('help.opt.auto')).addOption(yes()).option('--dry-run', t('help.opt.dryRun')).addOption(json())
    .action((user, contact, opts, cmd) => runCommand(() => import('./commands/link.js'), { ...opts, user, contact }, cmd));
  program.command('unlink').description(t('help.unlink')).argument('<user>', t('help.arg.linkUser'))
    .action((user, opts, cmd) => runCommand(() => import('./commands/unlink.js'), { ...opts, user }, cmd));
  const links = program.command('links').description(t('help.links')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/links.js'), opts, cmd));
  links.command('export').description(t('help.links.export')).argument('<file>')
    .action((file, opts, cmd) => runCommand(() => import('./commands/links-export.js'), { ...opts, file }, cmd));
  links.command('import').description(t('help.links.import')).argument('<file>')
    .option('--encoding <encoding>', t('help.opt.encoding')).option('--prune', t('help.opt.prune')).addOption(yes()).addOption(json())
    .action((file, opts, cmd) => runCommand(() => import('./commands/links-import.js'), { ...opts, file }, cmd));

  const destinations = program.command('destinations').description(t('help.destinations')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/destinations.js'), opts, cmd));
  destinations.command('set').description(t('help.destinations.set')).argument('<type>').argument('<destination>')
    .option('--as <message|task>', t('help.opt.deliverAs')).option('--non-members <skip|dm>', t('help.opt.nonMembers')).addOption(json())
    .action((type, destination, opts, cmd) => runCommand(() => import('./commands/destinations-set.js'), { ...opts, type, destination }, cmd));
  defineAdminCommands(program, t, runCommand, json, yes);

  program.command('send-test').description(t('help.sendTest'))
    .option('--type <type>', t('help.opt.type')).option('--user <user>', t('help.opt.user')).option('--room <room_id>', t('help.opt.room')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/send-test.js'), opts, cmd));
  program.command('send-reminders').description(t('help.sendReminders'))
    .option('--input <file|url|->', t('help.opt.input')).option('--header <header>', t('help.opt.header'), collect)
    .option('--dry-run', t('help.opt.dryRun')).option('--now', t('help.opt.now')).option('--allow-empty', t('help.opt.allowEmpty')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/send-reminders.js'), opts, cmd));
  program.command('doctor').description(t('help.doctor')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/doctor.js'), opts, cmd));
  program.command('calendar').description(t('help.calendar')).argument('[action]', t('help.arg.calendarAction')).argument('[args...]', t('help.arg.calendarArgs'))
    .option('--days <n>', t('help.opt.days')).addOption(json())
    .action((action, args, opts, cmd) => runCommand(() => import('./commands/calendar.js'), { ...opts, action, args }, cmd));
  const state = program.command('state').description(t('help.state'));
  state.command('info').description(t('help.state.info')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/state-info.js'), opts, cmd));
  state.command('migrate').description(t('help.state.migrate')).requiredOption('--to <path|url>', t('help.opt.to')).option('--force', t('help.opt.force'))
    .action((opts, cmd) => runCommand(() => import('./commands/state-migrate.js'), opts, cmd));
  state.command('export').description(t('help.state.export')).option('--output <file>', t('help.opt.output'))
    .action((opts, cmd) => runCommand(() => import('./commands/state-export.js'), opts, cmd));
  state.command('import').description(t('help.state.import')).argument('<file>').option('--force', t('help.opt.force'))
    .action((file, opts, cmd) => runCommand(() => import('./commands/state-import.js'), { ...opts, file }, cmd));
  state.command('unlock').description(t('help.state.unlock'))
    .action((opts, cmd) => runCommand(() => import('./commands/state-unlock.js'), opts, cmd));
  const history = program.command('history').description(t('help.history'))
    .option('--user <id|email>', t('help.opt.historyUser')).option('--reminder <id>', t('help.opt.reminder')).option('--type <type>', t('help.opt.type'))
    .option('--since <date>', t('help.opt.since')).option('--until <date>', t('help.opt.until'))
    .option('--status <status>', t('help.opt.status')).option('--limit <n>', t('help.opt.limit'))
    .addOption(json()).option('--csv', t('help.opt.csv'))
    .action((opts, cmd) => runCommand(() => import('./commands/history.js'), opts, cmd));
  history.command('prune').description(t('help.history.prune')).requiredOption('--before <date|Nd>', t('help.opt.before'))
    .option('--dry-run', t('help.opt.dryRun')).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/history-prune.js'), opts, cmd));
  program.command('sandbox').description(t('help.sandbox'))
    .option('--port <n>', t('help.opt.port')).option('--seed <seed>', t('help.opt.seedName'))
    .option('--rate-limit <n/window>', t('help.opt.rateLimit')).option('--room-post-limit <n/window>', t('help.opt.roomPostLimit'))
    .action((opts, cmd) => runCommand(() => import('./commands/sandbox.js'), opts, cmd));
}

/** Templates and recall: the admin's jobs beyond delivery. */
function defineAdminCommands(program: Command, t: Translate, runCommand: RunCommand, json: () => Option, yes: () => Option): void {
  // --lang after a templates subcommand is the template's language (the global one picks the CLI's).
  const templateLang = (opts: Record<string, unknown>, _cmd: Command) => opts;
  const load = () => import('./commands/templates.js');
  const templates = program.command('templates').description(t('help.templates')).addOption(json())
    .action((opts, cmd) => runCommand(load, { ...opts, action: 'list' }, cmd));
  templates.command('show').description(t('help.templates.show')).argument('<type>').option('--lang <lang>', t('help.opt.templateLang')).addOption(json())
    .action((type, opts, cmd) => runCommand(load, { ...templateLang(opts, cmd), action: 'show', type }, cmd));
  templates.command('edit').description(t('help.templates.edit')).argument('<type>').option('--lang <lang>', t('help.opt.templateLang')).addOption(json())
    .action((type, opts, cmd) => runCommand(load, { ...templateLang(opts, cmd), action: 'edit', type }, cmd));
  templates.command('set').description(t('help.templates.set')).argument('<type>').requiredOption('--file <file>', t('help.opt.templateFile'))
    .option('--lang <lang>', t('help.opt.templateLang')).addOption(json())
    .action((type, opts, cmd) => runCommand(load, { ...templateLang(opts, cmd), action: 'set', type }, cmd));
  templates.command('preview').description(t('help.templates.preview')).argument('<type>').option('--lang <lang>', t('help.opt.templateLang'))
    .option('--user <id|email>', t('help.opt.previewUser')).addOption(json())
    .action((type, opts, cmd) => runCommand(load, { ...templateLang(opts, cmd), action: 'preview', type }, cmd));
  templates.command('reset').description(t('help.templates.reset')).argument('<type>').option('--lang <lang>', t('help.opt.templateLang')).addOption(json())
    .action((type, opts, cmd) => runCommand(load, { ...templateLang(opts, cmd), action: 'reset', type }, cmd));
  templates.command('lang').description(t('help.templates.lang')).argument('[lang]').addOption(json())
    .action((value, opts, cmd) => runCommand(load, { ...opts, action: 'lang', value }, cmd));
  program.command('recall').description(t('help.recall'))
    .option('--reminder <id>', t('help.opt.recallReminder')).option('--user <id|email...>', t('help.opt.recallUser'))
    .option('--dry-run', t('help.opt.dryRun')).addOption(yes()).addOption(json())
    .action((opts, cmd) => runCommand(() => import('./commands/recall.js'), opts, cmd));
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

type RunCommand = (load: Loader, options: Record<string, unknown>, command: Command) => Promise<void>;

/** The language of help and of errors found before the options are parsed. */
function earlyLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index < 0 ? undefined : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  return value && isLang(value) ? value : detectLang(env);
}

export function buildProgram(t: Translate, runCommand: RunCommand): Command {
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
    .configureHelp(helpConfig(t))
    .showSuggestionAfterError(true);
  defineCommands(program, t, runCommand);
  const localise = (command: Command) => {
    command.helpOption('-h, --help', t('help.opt.help'));
    command.configureHelp(helpConfig(t));
    command.commands.forEach(localise);
  };
  program.commands.forEach(localise);
  addExamples(program, t);
  return program;
}

/** The full name of a command, as typed: `himanager-chatwork links import`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** 1–3 examples under every command's help, and where to read more. */
function addExamples(program: Command, t: Translate): void {
  const walk = (command: Command) => {
    const path = commandPath(command);
    const key = `help.examples.${path.split(' ').slice(1).join('.') || 'program'}`;
    const lines: string[] = [];
    if (key in catalog) {
      lines.push('', t('help.examplesTitle'));
      for (const example of t(key as MessageKey).split('\n')) lines.push(`  $ ${example.startsWith('himanager-chatwork') ? example : `himanager-chatwork ${example}`}`);
    }
    // A group points at its commands' help; a command's own help is the most there is.
    if (command.commands.length) lines.push('', t('help.more', { command: `${path} <${t('help.placeholder.command')}>` }));
    if (lines.length) command.addHelpText('after', lines.join('\n'));
    command.commands.forEach(walk);
  };
  walk(program);
}

/** Commander's help in the admin's language: its titles and the [options] / [command] of the usage line. */
function helpConfig(t: Translate) {
  const usageWords: Record<string, string> = { '[options]': t('help.usage.options'), '[command]': t('help.usage.command') };
  return {
    showGlobalOptions: true,
    styleTitle: (title: string) => {
      const key = `help.title.${title}`;
      return key in catalog ? t(key as MessageKey) : title;
    },
    styleUsage: (usage: string) => usage.split(' ').map((word) => usageWords[word] ?? word).join(' '),
    // Japanese characters take two columns: aligned as the terminal draws them.
    displayWidth: (text: string) => stringWidth(text),
    subcommandTerm: (command: Command) => [command.name(), command.options.length ? '[options]' : '', ...command.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`))]
      .filter(Boolean).map((word) => usageWords[word] ?? word).join(' '),
    optionDescription: (option: Option) => {
      const extra = option.defaultValue !== undefined && !(Array.isArray(option.defaultValue) && option.defaultValue.length === 0)
        ? ` (${t('help.default', { value: String(option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) })})` : '';
      return option.description + extra;
    },
  };
}

/** Parses argv, runs one command, and returns the exit code. Never exits the process. */
export async function main(context: MainContext): Promise<number> {
  const { argv, json } = globalJson(context.argv);
  context = { ...context, argv };
  const fallbackT = createTranslator(earlyLang(context.argv, context.env));
  let exitCode: number = ExitCode.ok;
  let t = fallbackT;
  let verbose = false;
  let io: Io | undefined;
  watchBrokenPipe(context.streams.stdout);
  watchBrokenPipe(context.streams.stderr);
  const runCommand: RunCommand = async (load, options, command) => {
    const globals = command.optsWithGlobals() as Record<string, unknown>;
    const { resolveEnvironment } = await import('./env.js');
    const env = resolveEnvironment({
      configDir: globals.configDir as string | undefined,
      lang: globals.lang as string | undefined,
      color: globals.color as boolean | undefined,
      verbose: globals.verbose as boolean | undefined,
      secretStore: globals.secretStore as string | undefined,
      state: globals.state as string | undefined,
    }, context.env);
    verbose = env.verbose;
    t = createTranslator(env.lang);
    const { createDeps } = await import('./deps.js');
    const deps = await createDeps(env, context.streams, context.clock, context.overrides);
    io = deps.io;
    t = deps.t;
    const module = await load();
    // `links import f --json`: commander gives --json to the parent group, which has one too.
    const parent = command.parent && command.parent.parent ? command.parent.opts() : {};
    try {
      const result = await module.run({ ...parent, ...options } as never, deps);
      exitCode = typeof result === 'number' ? result : ExitCode.ok;
    } finally {
      await deps.stores.close();
    }
  };
  const program = buildProgram(fallbackT, runCommand);
  const writeErr = (text: string) => { context.streams.stderr.write(text); };
  const writeOut = (text: string) => { context.streams.stdout.write(text); };
  // The command whose parsing failed, so that a usage error points at its own help.
  let failedCommand: Command = program;
  const quiet = (command: Command) => {
    command.exitOverride((error) => { failedCommand = command; throw error; }).configureOutput({ writeOut, writeErr, outputError: () => {} });
    command.commands.forEach(quiet);
  };
  quiet(program);
  const brokenPipe = () => pipeBroken(context.streams.stdout) || pipeBroken(context.streams.stderr);
  try {
    await program.parseAsync(context.argv, { from: 'user' });
    return brokenPipe() ? ExitCode.brokenPipe : exitCode;
  } catch (error) {
    if (brokenPipe()) return ExitCode.brokenPipe;
    if (error instanceof CommanderError) {
      const code = commanderExit(error, fallbackT, writeErr, commandPath(failedCommand));
      if (json && code !== ExitCode.ok) writeOut(`${JSON.stringify(errorJson(error, fallbackT))}\n`);
      return code;
    }
    // Through the io once it exists: every secret it has seen is masked in error output too.
    for (const line of renderError(error, t, verbose)) {
      if (io) io.err(line);
      else writeErr(`${line}\n`);
    }
    // --json always answers with a JSON object, on failure too (a cancel included).
    if (json && !(error instanceof SilentError)) {
      const text = JSON.stringify(errorJson(error, t));
      if (io) io.out(text);
      else writeOut(`${text}\n`);
    }
    return exitCodeFor(error);
  }
}

const commanderMessages: Record<string, MessageKey> = {
  'commander.unknownOption': 'usage.unknownOption',
  'commander.unknownCommand': 'usage.unknownCommand',
  'commander.missingArgument': 'usage.missingArgument',
  'commander.optionMissingArgument': 'usage.optionMissingArgument',
  'commander.excessArguments': 'usage.excessArguments',
  'commander.missingMandatoryOptionValue': 'usage.missingOption',
  'commander.invalidArgument': 'usage.invalidArgument',
  'commander.conflictingOption': 'usage.conflictingOption',
  // A group called without its command: commander prints the group's help (stderr).
  'commander.help': 'usage.needCommand',
};

/**
 * `--json` is listed as a global option: accepted before the command too. It is taken out
 * of argv wherever it stands (before a `--`) and put after the command's own arguments.
 */
function globalJson(argv: string[]): { argv: string[]; json: boolean } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end);
  if (!head.includes('--json')) return { argv, json: false };
  return { argv: [...head.filter((arg) => arg !== '--json'), '--json', ...tail], json: true };
}

/** What --json prints when the command failed: {"error": {"code", "message"}}. */
function errorJson(error: unknown, t: Translate): { error: { code: string; message: string; exitCode: number } } {
  if (error instanceof CommanderError) {
    const key = commanderMessages[error.code];
    const arg = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return { error: { code: error.code.replace(/^commander\./, 'usage.'), message: key ? t(key, { arg }) : error.message.replace(/^error: /, ''), exitCode: ExitCode.usage } };
  }
  const mapped = fileSystemError(error);
  if (mapped instanceof CliError) {
    return { error: { code: mapped.key, message: maskUrls(t(mapped.key, mapped.params)), exitCode: mapped.exitCode } };
  }
  return { error: { code: 'unexpected', message: error instanceof Error ? maskUrls(error.message) : String(error), exitCode: ExitCode.error } };
}

function commanderExit(error: CommanderError, t: Translate, writeErr: (text: string) => void, command = 'himanager-chatwork'): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
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
