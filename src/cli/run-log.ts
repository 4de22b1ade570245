import { CancelError, SilentError } from '../errors/index.js';
import { logFormatChoice } from '../env.js';
import type { Io, IoStreams } from '../io/io.js';
import type { Clock } from '../io/clock.js';
import { machineTimeZone } from '../logging/log-line.js';
import { createLogger, resolveLogFormat, type LogEntry, type Logger } from '../logging/logger.js';
import { newRunIdentity, type RunIdentity } from '../runs/run-identity.js';
import { VERSION } from '../version.js';

/**
 * The log of one invocation around its command: run.start and run.end, and every error, whether
 * the command's io exists yet or not (a usage error is found before it does). The run id is the
 * command's own (deps.run); an invocation that fails before any command starts gets its identity here.
 */
export interface RunLog {
  /** The command started: its deps (io, identity) now carry the log. */
  started(io: Io, run: RunIdentity): void;
  emit(entry: LogEntry): void;
  /** Lines written to stderr outside any io (commander's own output on a usage error): one event. */
  error(text: string, fields: Record<string, unknown>): void;
  end(exitCode: number): void;
}

export function createRunLog(argv: string[], env: NodeJS.ProcessEnv, streams: IoStreams, clock: Clock | undefined): RunLog {
  const now = () => (clock ? clock.now() : Date.now());
  let started: { io: Io; run: RunIdentity } | undefined;
  let early: RunIdentity | undefined;
  let ended = false;
  const identity = () => started?.run ?? (early ??= newRunIdentity(commandIn(argv), VERSION, now()));
  const stderrLog: Logger = createLogger({
    format: resolveLogFormat(earlyChoice(argv, env), streams.stderr.isTTY === true),
    write: (text) => { if (!streams.stderr.destroyed) streams.stderr.write(text); },
    runId: () => identity().id, zone: machineTimeZone, now,
  });
  const emit = (entry: LogEntry) => (started ? started.io.event(entry) : stderrLog.emit(entry));
  return {
    started(io, run) {
      started = { io, run };
      io.event({ level: 'info', event: 'run.start', fields: { command: run.command, host: run.host, pid: run.pid, version: run.version } });
    },
    emit,
    error(text, fields) {
      const message = text.replace(/\n+$/, '');
      if (message) emit({ level: 'error', event: 'error', message, fields });
    },
    end(exitCode) {
      if (ended) return;
      ended = true;
      const run = identity();
      const counts = started?.io.runCounts;
      emit({ level: 'info', event: 'run.end', fields: { command: run.command, exitCode, durationMs: Math.max(0, now() - run.startedAt), ...(counts ? { counts } : {}) } });
    },
  };
}

/** The event an error thrown by a command is logged as: a cancel is the admin's choice, not an error. */
export function errorEntry(error: unknown, lines: string[], code: string, exitCode: number): LogEntry | undefined {
  if (error instanceof SilentError || lines.length === 0) return undefined;
  const message = lines.join('\n');
  if (error instanceof CancelError) return { level: 'info', event: 'message', message, fields: { code, exitCode } };
  return { level: 'error', event: 'error', message, fields: { code, exitCode } };
}

/** The log format before the options are parsed; a bad value is refused later, by the command. */
function earlyChoice(argv: string[], env: NodeJS.ProcessEnv) {
  const index = argv.findIndex((arg) => arg === '--log-format' || arg.startsWith('--log-format='));
  const flag = index < 0 ? undefined : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  try {
    return logFormatChoice(flag, env);
  } catch {
    return logFormatChoice(undefined, {});
  }
}

const GLOBAL_WITH_VALUE = new Set(['--config-dir', '--lang', '--secret-store', '--state', '--log-format']);

/** The first word that is neither an option nor a global option's value: enough to name a run that never started. */
function commandIn(argv: string[]): string {
  for (let i = 0; i < argv.length; i += 1) {
    if (GLOBAL_WITH_VALUE.has(argv[i]!)) i += 1;
    else if (!argv[i]!.startsWith('-')) return argv[i]!;
  }
  return '';
}
