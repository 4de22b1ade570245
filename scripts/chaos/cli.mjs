// The built CLI (bin/ → dist/) as child processes: run to the end, or started and then stopped,
// continued and killed by the fault injector. A process may run with its own clock (libfaketime).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const BIN = new URL('../../bin/himanager-chatwork.js', import.meta.url).pathname;
const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1'].find((path) => existsSync(path));

/** Whether a clock offset can be given to the CLI: Debian's `faketime` package installs the library. */
export const canFakeTime = LIBFAKETIME !== undefined;

/** The env that makes a process's wall clock `offsetMs` off (its monotonic clock stays true, so its timers do too). */
function clockEnv(offsetMs) {
  if (!offsetMs) return {};
  if (!LIBFAKETIME) throw new Error('libfaketime is not installed (apt-get install faketime)');
  const seconds = Math.round(offsetMs / 1000);
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `${seconds >= 0 ? '+' : ''}${seconds}`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

/** A CLI bound to one config dir and store: `run` waits for the exit, `start` returns a handle. */
export function cliFor({ configDir, env }) {
  const base = ['--lang', 'en', '--config-dir', configDir, '--secret-store', 'file'];
  const start = (args, { clockOffsetMs = 0, stdin = '' } = {}) => {
    const child = spawn(process.execPath, [BIN, ...base, ...args], {
      env: { ...process.env, ...env, LANG: 'C', NO_COLOR: '1', ...clockEnv(clockOffsetMs) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.stdin.on('error', () => {});
    if (stdin !== null) child.stdin.end(stdin);
    const handle = {
      child, pid: child.pid, args, clockOffsetMs, stopped: false, exited: false,
      stderr: () => stderr,
      result: new Promise((resolve) => child.on('close', (code, signal) => {
        handle.exited = true;
        resolve({ code, signal, stdout, stderr });
      })),
      signal(name) {
        if (handle.exited) return false;
        try { process.kill(child.pid, name); } catch { return false; }
        if (name === 'SIGSTOP') handle.stopped = true;
        if (name === 'SIGCONT') handle.stopped = false;
        return true;
      },
    };
    return handle;
  };
  return { start, run: (args, options) => start(args, options).result, base };
}
