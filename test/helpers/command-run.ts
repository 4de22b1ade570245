import type { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { createDeps, type Deps, type DepsOverrides } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { exitCodeFor, ExitCode, renderError } from '../../src/errors/index.js';
import type { Lang } from '../../src/i18n/translate.js';
import type { Clock } from '../../src/io/clock.js';
import type { SecretStore } from '../../src/store/secrets/secret-store.js';
import { scriptedPrompter } from './scripted-prompter.js';

/** One command's run(options, deps), as the entry point calls it (src/cli/main.ts), without commander. */
export type Run<O> = (options: O, deps: Deps) => Promise<number | void>;

export interface RunResult {
  /** The exit code the entry point would return: the run's number, else 0, else the error's (src/errors.ts). */
  code: number;
  stdout: string;
  stderr: string;
  /** What the run threw, if anything: a test checks its type. */
  error?: unknown;
  /** The prompts the run asked, in order. */
  asked: string[];
}

export interface InvokeOptions {
  /** Answers for the prompts, in order; a prompt with no answer left fails the run. */
  answers?: unknown[];
  /** What stdin gives (a file read from `-`). */
  stdin?: string;
  /** The command's words as the run's record names it (`users import`). */
  command?: string;
  browser?: DepsOverrides['browser'];
  /** A person at a terminal: stdin and stdout are TTYs, so the run may prompt. */
  tty?: boolean;
  /** Where SIGINT and SIGTERM come from: a test emits them (src/io/io.ts onInterrupt). */
  signals?: EventEmitter;
  /** Told each piece of stdout as it is written: for a run that waits, once it has said what a test needs. */
  onStdout?: (chunk: string) => void;
}

/** What every invocation of one harness shares: its config dir, clock, secrets, environment and language. */
interface Installation { configDir: string; clock: Clock; secrets: SecretStore; processEnv: NodeJS.ProcessEnv; lang: Lang }

/**
 * One command run as the entry point runs it (src/cli/main.ts: the run's record prepared, run(),
 * the error rendered and mapped to its exit code, the record finished, the stores closed), on
 * fresh Deps built by createDeps itself, with captured streams and scripted prompts.
 */
export async function invokeRun<O>({ configDir, clock, secrets, processEnv, lang }: Installation, run: Run<O>, runOptions: O, invokeOptions: InvokeOptions = {}): Promise<RunResult> {
  const env = resolveEnvironment({ configDir, lang, color: false, secretStore: 'file' }, processEnv);
  const prompts = scriptedPrompter([...(invokeOptions.answers ?? [])]);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); invokeOptions.onStdout?.(chunk.toString()); });
  stderr.on('data', (chunk) => { err += chunk; });
  stdin.end(invokeOptions.stdin ?? '');
  if (invokeOptions.tty) for (const stream of [stdin, stdout]) Object.assign(stream, { isTTY: true });
  const deps = await createDeps(env, {
    streams: { stdin, stdout, stderr, ...(invokeOptions.signals ? { signals: invokeOptions.signals } : {}) }, clock, command: invokeOptions.command ?? 'test',
    overrides: { prompts, secrets, ...(invokeOptions.browser ? { browser: invokeOptions.browser } : {}) },
  });
  let code: number = ExitCode.ok;
  let error: unknown;
  try {
    await deps.lifecycle.prepare(runOptions as Record<string, unknown>);
    const result = await run(runOptions, deps);
    code = typeof result === 'number' ? result : ExitCode.ok;
  } catch (thrown) {
    error = thrown;
    code = exitCodeFor(thrown);
    for (const line of renderError(thrown, deps.t, false)) deps.io.err(line);
  } finally {
    await deps.lifecycle.finish(code);
    await deps.stores.close();
  }
  // The streams are written synchronously; one turn lets the last chunk arrive.
  await new Promise((resolve) => setImmediate(resolve));
  // The temporary dir is another each time: shown as <dir>, so that output can be compared whole.
  // So is the run's id (a random UUID): shown as <run>.
  const stable = (text: string) => text.split(configDir).join('<dir>').split(deps.run.id).join('<run>');
  return { code, stdout: stable(out), stderr: stable(withoutLogPrefix(err)), error, asked: prompts.asked };
}

/**
 * stderr is not a terminal, so each line is behind its time, run id and level: the run id is
 * random and the time fixed, so both go; the level stays where it is not info (warn, error).
 */
function withoutLogPrefix(text: string): string {
  return text.replace(/^\S+ run=\S+ (?:info(?: |$))?/gm, '');
}
