import type { Writable, Readable } from 'node:stream';
import { BrokenPipeError, pipeBroken, watchBrokenPipe } from './broken-pipe.js';
import { createLogger, isWarningLine, resolveLogFormat, type LogEntry, type LogFormat, type LogFormatChoice } from '../logging/logger.js';
import { machineTimeZone } from '../logging/log-line.js';

export { pipeBroken, watchBrokenPipe } from './broken-pipe.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

export interface Io {
  readonly stdin: Readable;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** A person reads stderr: it is a terminal and the log format is the human one (progress redraws, spinners). */
  readonly stderrIsTTY: boolean;
  /** How stderr is written: human (a terminal), text (time, run id, level per line) or json (NDJSON). */
  readonly logFormat: LogFormat;
  /** Both ends are terminals: a person can answer a prompt. */
  readonly canPrompt: boolean;
  readonly verboseEnabled: boolean;
  readonly style: Style;
  /** Data, to stdout. Throws BrokenPipeError once the reader has gone (`| head`). */
  out(text: string): void;
  /** Data, one line at a time, waiting while the reader is behind: long lists never pile up in memory. */
  lines(lines: Iterable<string>): Promise<void>;
  json(value: unknown): void;
  /** Progress and diagnostics, to stderr, in the log format (docs/logging.md). */
  err(text: string): void;
  verbose(text: string): void;
  /** A log event: its message (if any) in every format, its fields in JSON. */
  event(entry: LogEntry): void;
  /** What the command counted (sent, failed…), for the run.end event. */
  runCounts?: Record<string, number>;
  /** Any value registered here is masked in everything the io writes. */
  registerSecret(value: string | undefined): void;
  spinner<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** On a terminal: replaces the current stderr line (a progress bar); an empty text clears it. */
  rewrite(text: string): void;
  /** Resolves on Ctrl-C (SIGINT) or SIGTERM; call the returned function to stop listening. */
  onInterrupt(handler: () => void): () => void;
}

export interface IoStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Where Ctrl-C arrives: the process in production, an emitter in tests. */
  signals?: { once(signal: 'SIGINT' | 'SIGTERM', handler: () => void): unknown; off(signal: 'SIGINT' | 'SIGTERM', handler: () => void): unknown };
}

const plain: Style = {
  bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, cyan: (s) => s,
};

const MASK = '[REDACTED]';

export interface IoOptions {
  color: boolean;
  verbose: boolean;
  /** Where the log lines' run id and time zone come from; without it: a human log, no run id. */
  log?: { choice: LogFormatChoice; runId(): string; zone?(): string; now(): number };
}

/**
 * Builds the io for a command run. chalk and ora are imported here, inside the
 * command, so that --help and --version never pay for them.
 */
export async function createIo(streams: IoStreams, options: IoOptions): Promise<Io> {
  const stdoutIsTTY = streams.stdout.isTTY === true;
  const logFormat = options.log ? resolveLogFormat(options.log.choice, streams.stderr.isTTY === true) : 'human';
  const stderrIsTTY = streams.stderr.isTTY === true && logFormat === 'human';
  const stdinIsTTY = streams.stdin.isTTY === true;
  let style = plain;
  if (options.color && stderrIsTTY) {
    const { Chalk } = await import('chalk');
    const chalk = new Chalk({ level: 1 });
    style = { bold: chalk.bold, dim: chalk.dim, red: chalk.red, green: chalk.green, yellow: chalk.yellow, cyan: chalk.cyan };
  }
  const secrets = new Set<string>();
  const redact = (text: string): string => {
    let result = text;
    for (const secret of secrets) result = result.split(secret).join(MASK);
    return result;
  };
  watchBrokenPipe(streams.stdout);
  watchBrokenPipe(streams.stderr);
  const writeOut = (text: string): boolean => {
    if (pipeBroken(streams.stdout) || streams.stdout.destroyed) throw new BrokenPipeError();
    return streams.stdout.write(text);
  };
  // Progress and errors are not worth dying for: a closed stderr is written to no more.
  const writeErr = (text: string): void => {
    if (!pipeBroken(streams.stderr) && !streams.stderr.destroyed) streams.stderr.write(text);
  };
  const log = createLogger({
    format: logFormat, write: writeErr, redact,
    runId: options.log?.runId ?? (() => ''), zone: options.log?.zone ?? machineTimeZone, now: options.log?.now ?? Date.now,
  });
  const io: Io = {
    stdin: streams.stdin,
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    logFormat,
    canPrompt: stdinIsTTY && stdoutIsTTY,
    verboseEnabled: options.verbose,
    style,
    out: (text) => { writeOut(redact(text) + '\n'); },
    async lines(lines) {
      for (const line of lines) {
        if (writeOut(redact(line) + '\n')) continue;
        await new Promise<void>((resolve) => {
          const done = () => { streams.stdout.off('drain', done); streams.stdout.off('close', done); streams.stdout.off('error', done); resolve(); };
          streams.stdout.on('drain', done);
          streams.stdout.on('close', done);
          streams.stdout.on('error', done);
        });
      }
    },
    json: (value) => { writeOut(redact(JSON.stringify(value, null, 2)) + '\n'); },
    err: (text) => log.emit(isWarningLine(text) ? { level: 'warn', event: 'warning', message: text } : { level: 'info', event: 'message', message: text }),
    verbose: (text) => { if (options.verbose) log.emit({ level: 'debug', event: 'verbose', message: `[verbose] ${text}` }); },
    event: (entry) => log.emit(entry),
    registerSecret: (value) => { if (value && value.length >= 4) secrets.add(value); },
    rewrite(text) {
      if (!stderrIsTTY) return;
      writeErr(`\r\x1b[2K${redact(text)}`);
    },
    onInterrupt(handler) {
      const signals = streams.signals;
      if (!signals) return () => {};
      signals.once('SIGINT', handler);
      signals.once('SIGTERM', handler);
      return () => { signals.off('SIGINT', handler); signals.off('SIGTERM', handler); };
    },
    async spinner(label, work) {
      if (!stderrIsTTY) return work();
      const { default: ora } = await import('ora');
      const spin = ora({ text: label, stream: streams.stderr, color: 'cyan' }).start();
      try {
        const result = await work();
        spin.stop();
        return result;
      } catch (error) {
        spin.stop();
        throw error;
      }
    },
  };
  return io;
}
