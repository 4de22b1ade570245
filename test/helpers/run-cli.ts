import { PassThrough } from 'node:stream';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Clock } from '../../src/io/clock.js';
import type { DepsOverrides } from '../../src/deps/deps.js';

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the CLI in this process with string streams: fast, and the exit code is main()'s. */
export async function runCli(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string | Buffer; clock?: Clock; overrides?: DepsOverrides; tty?: boolean } = {}): Promise<CliResult> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  // A person at a terminal: stdin and stdout are TTYs (stderr stays plain, so no spinner draws).
  if (options.tty) for (const stream of [stdin, stdout]) Object.assign(stream, { isTTY: true });
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const code = await main({
    argv,
    env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env },
    streams: { stdin, stdout, stderr },
    clock: options.clock,
    overrides: options.overrides,
  });
  return { code, stdout: out, stderr: err };
}

export const BIN = fileURLToPath(new URL('../../bin/himanager-chatwork.js', import.meta.url));

/** Runs the built binary as a user would, in its own process. */
export function runBin(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number } = {}): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The built binary in its own process, left running: for signals and pipes. */
export function startBin(argv: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
  });
  return { child, result, stderr: () => stderr };
}
