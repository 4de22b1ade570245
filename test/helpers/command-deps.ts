import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { toStoredTokens } from '../../src/chatwork/tokens.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import type { Lang } from '../../src/i18n/translate.js';
import type { Clock } from '../../src/io/clock.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from './fake-clock.js';
import { memorySecrets } from './memory-secrets.js';
import { linkAllContacts } from './logged-in.js';
import { authorize } from './oauth-browser.js';
import { withStore } from './state.js';
import { invokeRun, type InvokeOptions, type Run, type RunResult } from './command-run.js';

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
    invoke: (run, runOptions, invokeOptions = {}) => invokeRun({ configDir, clock, secrets, processEnv, lang: options.lang ?? 'en' }, run, runOptions, invokeOptions),
    async close() {
      await sandbox.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
