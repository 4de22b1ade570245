import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { toStoredTokens } from '../../src/chatwork/tokens.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { createDeps, type Deps, type DepsOverrides } from '../../src/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { exitCodeFor, ExitCode, renderError } from '../../src/errors.js';
import type { Lang } from '../../src/i18n/translate.js';
import type { Clock } from '../../src/io/clock.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from './fake-clock.js';
import { memorySecrets } from './memory-secrets.js';
import { linkAllContacts } from './logged-in.js';
import { authorize } from './oauth-browser.js';
import { scriptedPrompter } from './scripted-prompter.js';
import { withStore } from './state.js';

/** One command's run(options, deps), as the entry point calls it (src/cli/main.ts), without commander. */
type Run<O> = (options: O, deps: Deps) => Promise<number | void>;

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

export interface CommandHarness {
  sandbox: Sandbox;
  configDir: string;
  clock: Clock & { advance(ms: number): unknown };
  /** The secret store every invocation shares, in memory. */
  secrets: ReturnType<typeof memorySecrets>;
  /** Runs one command like one CLI invocation: fresh Deps on the same config dir, the store closed after. */
  invoke<O>(run: Run<O>, options: O, invokeOptions?: InvokeOptions): Promise<RunResult>;
  /** The state store of the config dir, opened for fn and closed after. */
  store<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Every record the store holds (its export): equal before and after a run that changed nothing. */
  dump(): Promise<unknown[]>;
  /** Runs fn and checks the store holds the same records after it as before; returns fn's result. */
  unchanged(fn: () => Promise<RunResult>): Promise<RunResult>;
  /** Writes a file in the config dir's own scratch folder and returns its path (shown as <dir>/name in output). */
  file(name: string, content: string | Buffer): string;
  /** Every contact of the sandbox's account linked as user P<account id>, each type to DMs (linkAllContacts). */
  linkAll(): Promise<string[]>;
  close(): Promise<void>;
}

/** 2026-11-24 (Tue) 10:00 JST: a weekday morning, so no calendar rule holds a delivery back. */
export const FIXED_NOW = Date.UTC(2026, 10, 24, 1, 0, 0);

export interface HarnessOptions {
  lang?: Lang;
  /** Logged in to the sandbox (tokens and the client secret in the secret store): the default. */
  loggedIn?: boolean;
  /**
   * The clock of the run and of the sandbox. The default jumps ahead on each sleep, so that no
   * run waits; a run that must wait for something else (the login's browser) gets a manual one.
   */
  clock?: Clock & { advance(ms: number): unknown };
  /** The sandbox's seed; `demo` is the default. */
  seed?: 'demo' | 'empty';
  /** More of the process environment the run sees ($VISUAL, HIMANAGER_CHATWORK_*). */
  env?: NodeJS.ProcessEnv;
  /**
   * Where the state lives when not in the config dir's state.db: HIMANAGER_CHATWORK_STATE (a
   * PostgreSQL database) and its key. The secrets are then the database's, as for a real install.
   */
  state?: { HIMANAGER_CHATWORK_STATE: string; HIMANAGER_CHATWORK_STATE_KEY: string };
}

/**
 * A config dir with a temporary SQLite store, an in-memory secret store, the sandbox Chatwork
 * in this process on a free port, a fixed clock (the sandbox's too) and a fixed language. What a
 * command prints is captured; prompts are answered from a script.
 */
export async function commandHarness(options: HarnessOptions = {}): Promise<CommandHarness> {
  const clock = options.clock ?? createFakeClock(FIXED_NOW);
  const sandbox = await startSandbox({ clock, seed: options.seed ?? 'demo' });
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-run-'));
  const secrets = memorySecrets();
  const store = <T>(fn: (store: Store) => Promise<T>) => withStore(configDir, fn, options.state ?? {});
  const dump = () => store(async (opened) => {
    const records: unknown[] = [];
    for await (const record of opened.exportRecords()) records.push(record);
    return records;
  });
  if (options.loggedIn !== false) {
    const response = await authorize(sandbox);
    const tokens = JSON.stringify(toStoredTokens(response, clock.now()));
    // A shared database keeps the secrets itself, encrypted under the state key.
    if (options.state) {
      await store(async (s) => { await s.secrets!.set('client-secret', sandbox.client.clientSecret); await s.secrets!.set('tokens', tokens); });
    } else {
      secrets.data.set('client-secret', sandbox.client.clientSecret);
      secrets.data.set('tokens', tokens);
    }
    await store((s) => s.config.update((config) => {
      config.clientId = sandbox.client.clientId;
      config.redirectUri = sandbox.client.redirectUri;
      config.calendar = { ...DEFAULT_CALENDAR, policy: { praise: 'send', survey: 'send', 'update-survey': 'send' } };
    }));
  }
  const processEnv = { ...sandbox.env, LANG: options.lang === 'ja' ? 'ja_JP.UTF-8' : 'en_US.UTF-8', HOME: configDir, ...options.state, ...options.env };
  return {
    sandbox, configDir, clock, secrets, store,
    dump,
    linkAll: () => linkAllContacts(sandbox, configDir),
    async unchanged(fn) {
      const before = await dump();
      const result = await fn();
      expect(await dump()).toEqual(before);
      return result;
    },
    file(name, content) {
      const path = join(configDir, name);
      writeFileSync(path, content);
      return path;
    },
    async invoke(run, runOptions, invokeOptions = {}) {
      const env = resolveEnvironment({ configDir, lang: options.lang ?? 'en', color: false, secretStore: 'file' }, processEnv);
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
    },
    async close() {
      await sandbox.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/**
 * stderr is not a terminal, so each line is behind its time, run id and level: the run id is
 * random and the time fixed, so both go; the level stays where it is not info (warn, error).
 */
function withoutLogPrefix(text: string): string {
  return text.replace(/^\S+ run=\S+ (?:info(?: |$))?/gm, '');
}
