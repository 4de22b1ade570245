import { CommanderError, type Command } from 'commander';
import { buildProgram, type RunCommand } from './program.js';
import type { DepsOverrides } from '../deps/deps.js';
import { exitCodeFor, ExitCode, renderError, SilentError } from '../errors/index.js';
import { createTranslator, detectLang, isLang, type Lang } from '../i18n/translate.js';
import type { Clock } from '../io/clock.js';
import { pipeBroken, watchBrokenPipe, type Io, type IoStreams } from '../io/io.js';
import { commandPath } from './help.js';
import { globalOptionValues, ownOptionValues } from './global-options.js';
import type { RunLog } from './run-log.js';

export interface MainContext {
  argv: string[];
  env: NodeJS.ProcessEnv;
  streams: IoStreams;
  clock?: Clock;
  overrides?: DepsOverrides;
}

/** Parses argv, runs one command, and returns the exit code. Never exits the process. */
export async function main(context: MainContext): Promise<number> {
  let runLog: RunLog | undefined;
  const log = async () => (runLog ??= (await import('./run-log.js')).createRunLog(context.argv, context.env, context.streams, context.clock));
  const code = await mainWithLog(context, log, () => runLog !== undefined);
  // A run that started or failed ends with run.end (JSON logs); --help and --version are no run.
  if (runLog) runLog.end(code);
  return code;
}

async function mainWithLog(context: MainContext, log: () => Promise<RunLog>, logging: () => boolean): Promise<number> {
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
    const globals = globalOptionValues(command);
    const { resolveEnvironment } = await import('../env.js');
    const env = resolveEnvironment({
      configDir: globals.configDir as string | undefined,
      lang: globals.lang as string | undefined,
      color: globals.color as boolean | undefined,
      verbose: globals.verbose as boolean | undefined,
      secretStore: globals.secretStore as string | undefined,
      state: globals.state as string | undefined,
      logFormat: globals.logFormat as string | undefined,
    }, context.env);
    verbose = env.verbose;
    t = createTranslator(env.lang);
    const { createDeps } = await import('../deps/deps.js');
    const deps = await createDeps(env, {
      streams: context.streams, clock: context.clock, overrides: context.overrides,
      command: commandPath(command).split(' ').slice(1).join(' '),
    });
    io = deps.io;
    t = deps.t;
    (await log()).started(deps.io, deps.run);
    const module = await load();
    // `links import f --json`: commander gives --json to the parent group, which has one too.
    const parent = command.parent && command.parent.parent ? ownOptionValues(command.parent) : {};
    const runOptions = { ...parent, ...options };
    try {
      // The run's record and pings (src/deps/run-lifecycle.ts): the end is sent whatever the end was.
      let ended: number = ExitCode.error;
      try {
        await deps.lifecycle.prepare(runOptions);
        const result = await module.run(runOptions, deps);
        exitCode = typeof result === 'number' ? result : ExitCode.ok;
        ended = exitCode;
      } catch (error) {
        ended = exitCodeFor(error);
        throw error;
      } finally {
        await deps.lifecycle.finish(ended);
      }
    } finally {
      await deps.stores.close();
    }
  };
  const program = await buildProgram(fallbackT, runCommand, context.argv);
  // What commander writes to stderr (a group's help, a parse error) is kept and logged as one error.
  let commanderErr = '';
  const writeErr = (text: string) => { commanderErr += text; };
  const writeOut = (text: string) => { context.streams.stdout.write(text); };
  // Help is wrapped to the terminal it is written to (commander would ask process.stdout).
  const helpWidth = () => { const out = context.streams.stdout as { isTTY?: boolean; columns?: number }; return (out.isTTY ? out.columns : undefined) as number; };
  // The command whose parsing failed, so that a usage error points at its own help.
  let failedCommand: Command = program;
  const quiet = (command: Command) => {
    command.exitOverride((error) => { failedCommand = command; throw error; }).configureOutput({ writeOut, writeErr, outputError: () => {}, getOutHelpWidth: helpWidth });
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
      // Help and the version end in a CommanderError too: the only ones that are not failures.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      const { commanderExit, errorJson } = await import('./failure.js');
      const code = commanderExit(error, fallbackT, writeErr, commandPath(failedCommand));
      (await log()).error(commanderErr, { code: errorJson(error, fallbackT).error.code, exitCode: code });
      if (json) writeOut(`${JSON.stringify(errorJson(error, fallbackT))}\n`);
      return code;
    }
    // Through the io once it exists: every secret it has seen is masked in error output too.
    const { errorJson } = await import('./failure.js');
    const { errorEntry } = await import('./run-log.js');
    const entry = errorEntry(error, renderError(error, t, verbose), errorJson(error, t).error.code, exitCodeFor(error));
    if (entry) (await log()).emit(entry);
    else if (!logging()) await log();
    // --json always answers with a JSON object, on failure too (a cancel included).
    if (json && !(error instanceof SilentError)) {
      const text = JSON.stringify(errorJson(error, t));
      if (io) io.out(text);
      else writeOut(`${text}\n`);
    }
    return exitCodeFor(error);
  }
}

/** The language of help and of errors found before the options are parsed. */
function earlyLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index < 0 ? undefined : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  return value && isLang(value) ? value : detectLang(env);
}

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
