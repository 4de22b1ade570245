import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { exitCodeFor } from '../../src/errors/index.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from './fake-clock.js';
import { withStore } from './state.js';

export interface Invoked { code: number; stdout: string; stderr: string; error?: unknown }

/**
 * A command's run(options, deps) called as the entry point calls it, without commander: fresh
 * Deps on one SQLite config dir per invocation, the store closed after. For the run() tests of
 * the reminders commands (the per-command tier's own harness lives on another branch).
 */
export function runHarness() {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-run-'));
  const clock = createFakeClock();
  return {
    configDir,
    async invoke<O>(run: (options: O, deps: Deps) => Promise<number | void>, options: O, stdinText?: string): Promise<Invoked> {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (chunk) => { out += chunk; });
      stderr.on('data', (chunk) => { err += chunk; });
      stdin.end(stdinText ?? '');
      const env = resolveEnvironment({ configDir, lang: 'en', color: false, secretStore: 'file' }, { ...process.env, HIMANAGER_CHATWORK_STATE: '' });
      const deps = await createDeps(env, { streams: { stdin, stdout, stderr }, clock, command: 'test' });
      let code = 0;
      let error: unknown;
      try {
        code = (await run(options, deps)) ?? 0;
      } catch (caught) {
        error = caught;
        code = exitCodeFor(caught);
      } finally {
        await deps.stores.close();
      }
      await new Promise((resolve) => setImmediate(resolve));
      return { code, stdout: out, stderr: err, ...(error !== undefined ? { error } : {}) };
    },
    store: <T>(fn: (store: Store) => Promise<T>) => withStore(configDir, fn),
    file(name: string, content: string) {
      const path = join(configDir, name);
      writeFileSync(path, content);
      return path;
    },
    close: () => rmSync(configDir, { recursive: true, force: true }),
  };
}
