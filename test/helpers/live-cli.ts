import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { DepsOverrides } from '../../src/deps/deps.js';
import type { Clock } from '../../src/io/clock.js';
import { TEXT_LOG_LINE } from '../../src/logging/log-line.js';
import type { CliResult } from './run-cli.js';

export interface LiveCli {
  /**
   * Resolves with the first stderr line matching, waiting for it to be written. Off a terminal each
   * line carries the log prefix (time, run id, level: tests/integration/logs.test.ts checks it);
   * the pattern is matched against, and the result is, the message after it.
   */
  waitForErr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  write(text: string): void;
  endInput(): void;
  interrupt(): void;
  result: Promise<CliResult>;
  stderr(): string;
}

/** The CLI in this process, with its output readable while it runs: for interactive flows. */
export function startCli(argv: string[], options: { env?: NodeJS.ProcessEnv; overrides?: DepsOverrides; clock?: Clock } = {}): LiveCli {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; for (const listener of listeners) listener(); });
  const result = main({
    argv,
    env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env },
    streams: { stdin, stdout, stderr, signals: signals as never },
    clock: options.clock,
    overrides: options.overrides,
  }).then((code) => ({ code, stdout: out, stderr: err }));
  return {
    result,
    stderr: () => err,
    write: (text) => { stdin.write(text); },
    endInput: () => { stdin.end(); },
    interrupt: () => { signals.emit('SIGINT'); },
    waitForErr(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = err.split('\n').map(messageOf).find((l) => pattern.test(l));
          if (line !== undefined) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(line);
          }
        };
        const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`no stderr line matched ${pattern}; stderr was:\n${err}`)); }, timeoutMs);
        listeners.add(check);
        check();
        void result.then(() => setTimeout(check, 0));
      });
    },
  };
}

/** A stderr line without its log prefix; a line that has none (a terminal's) as it is. */
function messageOf(line: string): string {
  const parsed = TEXT_LOG_LINE.exec(line);
  return parsed ? parsed[4] ?? '' : line;
}
