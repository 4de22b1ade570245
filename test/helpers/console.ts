import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { main } from '../../src/cli/main.js';
import type { Clock } from '../../src/io/clock.js';
import { launchChromium } from './browser.js';
import { loggedInConfigDir, type Backend } from './logged-in.js';
import { runCli, type CliResult } from './run-cli.js';

export interface ConsoleHarness {
  sandbox: Sandbox;
  configDir: string;
  /** The env and global args every CLI run of this config dir takes (the console's own included). */
  env: NodeJS.ProcessEnv;
  args: string[];
  /** Runs the CLI on the same config (in this process), e.g. to set up or to change state beside the console. */
  cli(args: string[]): Promise<CliResult>;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** The printed URL with its one-time key; already used unless started with `exchange: false`. */
  tokenUrl: string;
  /** `name=value` of the session cookie the key was exchanged for (empty with `exchange: false`). */
  cookie: string;
  /** Everything the console wrote to stderr so far. */
  stderr(): string;
  /** A request with the session cookie (and the console's own Origin on a POST). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A Chromium page in the logged-in browser context, at `path`. */
  open(path?: string): Promise<Page>;
  /** One shared headless Chromium (started on first use). */
  browser(): Promise<Browser>;
  /** This session's form token, read from a page as a browser would. */
  csrf(): Promise<string>;
  /** Ctrl-C to the console, then the sandbox and Chromium: the console's exit code. */
  stop(): Promise<number>;
}

export interface ConsoleHarnessOptions {
  backend?: Backend;
  lang?: 'ja' | 'en';
  /** Runs on the logged-in config before the console starts (users import, links…). */
  prepare?: (cli: (args: string[]) => Promise<CliResult>, sandbox: Sandbox, configDir: string) => Promise<void>;
  /** Leave the one-time key unused (for the tests of the exchange itself). */
  exchange?: boolean;
  sandbox?: Sandbox;
  /** A config dir already logged in (loggedInConfigDir): the console serves it instead of a new one. */
  config?: { configDir: string; env: NodeJS.ProcessEnv; args: string[] };
  /** The clock of the console and of every `cli` run (clockAt: a chosen moment, then real speed). */
  clock?: Clock;
}

/**
 * The sandbox, a config logged in to it, and `console --no-open` on a free port, run by the
 * CLI's own main() in this process (no build needed). Off a terminal the console writes its
 * URL to a 0600 file and prints the file's path: the harness reads it there, as a script would.
 */
export async function startConsole(options: ConsoleHarnessOptions = {}): Promise<ConsoleHarness> {
  const sandbox = options.sandbox ?? await startSandbox();
  const { configDir, env, args } = options.config ?? await loggedInConfigDir(sandbox, options.backend ?? 'sqlite');
  const fullEnv = { ...env, LANG: options.lang === 'en' ? 'en_US.UTF-8' : 'ja_JP.UTF-8' };
  const cli = (more: string[]) => runCli([...args, ...more], { env: fullEnv, ...(options.clock ? { clock: options.clock } : {}) });
  await options.prepare?.(cli, sandbox, configDir);
  const stderr = new PassThrough();
  const signals = new EventEmitter();
  let err = '';
  const urlFile = new Promise<string>((resolve) => {
    stderr.on('data', (chunk) => {
      err += chunk;
      const found = /(\/\S*hmcw-console-[^/\s]+\/url)/.exec(err);
      if (found) resolve(found[1]!);
    });
  });
  const stdout = new PassThrough();
  stdout.resume();
  const exit = main({
    argv: [...args, 'console', '--no-open'],
    env: { ...process.env, ...fullEnv },
    streams: { stdin: new PassThrough(), stdout, stderr, signals: signals as never },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const file = await Promise.race([urlFile, exit.then((code) => { throw new Error(`console exited ${code}: ${err}`); })]);
  const tokenUrl = readFileSync(file, 'utf8').trim();
  const url = new URL(tokenUrl);
  const origin = url.origin;
  let cookie = '';
  if (options.exchange !== false) {
    const answer = await fetch(tokenUrl, { redirect: 'manual' });
    cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (answer.status !== 303 || !cookie) throw new Error(`the key was not exchanged: ${answer.status}`);
  }
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const getBrowser = async () => (browser ??= await launchChromium());
  const getContext = async () => {
    if (context) return context;
    context = await (await getBrowser()).newContext({ locale: options.lang === 'en' ? 'en-US' : 'ja-JP' });
    const [name, value] = cookie.split('=') as [string, string];
    if (cookie) await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    return context;
  };
  return {
    sandbox, configDir, env: fullEnv, args, cli, origin, port: Number(url.port), tokenUrl, cookie,
    stderr: () => err,
    request: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
      if ((init.method ?? 'GET') === 'POST' && !headers.has('origin')) headers.set('origin', origin);
      return fetch(origin + path, { redirect: 'manual', ...init, headers });
    },
    open: async (path = '/') => {
      const page = await (await getContext()).newPage();
      await page.goto(origin + path);
      return page;
    },
    browser: getBrowser,
    csrf: async () => {
      const page = await fetch(`${origin}/links`, { headers: { cookie } });
      return /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    },
    stop: async () => {
      signals.emit('SIGINT');
      const code = await exit;
      await browser?.close();
      if (!options.sandbox) await sandbox.stop();
      return code;
    },
  };
}
