// The mutation run's vitest pool (vitest.mutation.config.ts): vitest's thread pool, except that the
// worker thread outlives a run. Stryker's vitest runner starts one vitest run for each mutant, and
// vitest's own pools end the run's worker with it, so every mutant paid for a new thread, vitest's
// runtime and every package's import again: about 0.3 s, most of a mutant's time. Here one thread
// per runner process serves run after run; worker.mjs unloads the project's own modules before
// each run, so no module state from one mutant reaches the next. docs/testing.md has the figures.
import { Worker } from 'node:worker_threads';

const entrypoint = new URL('./worker.mjs', import.meta.url);
/** The runner process's one thread, while it lives. */
let shared;
/**
 * How many threads this process started, on a global: vitest loads the config (and this module
 * with it) its own way, so scripts/mutation/reuse-check.mjs reads it here to see the thread kept.
 */
export const THREADS_STARTED = Symbol.for('himanager-chatwork.mutation.threads-started');

class PersistentThreadsWorker {
  name = 'persistent-threads';
  /** What vitest's runner for this run listens to on the thread: taken off again when it stops. */
  #listeners = [];
  #toldToStop = false;

  constructor(options) {
    this.execArgv = options.execArgv;
    this.env = options.env;
    this.stdout = options.project.vitest.logger.outputStream;
    this.stderr = options.project.vitest.logger.errorStream;
  }

  async start() {
    if (!shared) {
      const thread = new Worker(entrypoint, { env: this.env, execArgv: this.execArgv, stdout: true, stderr: true });
      thread.stdout.pipe(this.stdout, { end: false });
      thread.stderr.pipe(this.stderr, { end: false });
      thread.once('exit', () => { if (shared === thread) shared = undefined; });
      shared = thread;
      globalThis[THREADS_STARTED] = (globalThis[THREADS_STARTED] ?? 0) + 1;
    }
    this.thread = shared;
  }

  on(event, callback) {
    this.#listeners.push([event, callback]);
    this.thread.on(event, callback);
  }

  off(event, callback) {
    this.#listeners = this.#listeners.filter(([known, listener]) => known !== event || listener !== callback);
    this.thread.off(event, callback);
  }

  send(message) {
    if (message?.__vitest_worker_request__ === true && message.type === 'stop') {
      // The thread's own answer to "stop" is to tear itself down: answer for it, and keep it.
      this.#toldToStop = true;
      const stopped = { type: 'stopped', __vitest_worker_response__: true };
      queueMicrotask(() => { for (const [event, listener] of this.#listeners) if (event === 'message') listener(stopped); });
      return;
    }
    this.thread.postMessage(message);
  }

  async stop() {
    for (const [event, listener] of this.#listeners) this.thread.off(event, listener);
    this.#listeners = [];
    // Stopped without being told (a cancelled run, a thread that failed to start): its state is
    // unknown, so it ends and the next run starts a new one.
    if (!this.#toldToStop && shared === this.thread) {
      shared = undefined;
      await this.thread.terminate();
    }
  }

  deserialize(data) {
    return data;
  }
}

/** For `test.pool` (set by the config's plugin, since Stryker's runner sets `pool` itself). */
export const persistentThreads = {
  name: 'persistent-threads',
  createPoolWorker: (options) => new PersistentThreadsWorker(options),
};
