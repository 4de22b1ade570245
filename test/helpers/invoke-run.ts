import { PassThrough } from 'node:stream';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { exitCodeFor, ExitCode, renderError } from '../../src/errors/index.js';
import type { Clock } from '../../src/io/clock.js';

/** One command's run(options, deps) on a config dir, as the entry point calls it: the exit code and what it printed. */
export async function invokeRun<O>(run: (options: O, deps: Deps) => Promise<number | void>, options: O, context: { configDir: string; clock: Clock; command: string }):
  Promise<{ code: number; stdout: string; stderr: string }> {
  const { configDir, clock, command } = context;
  const env = resolveEnvironment({ configDir, lang: 'en', color: false, secretStore: 'file' }, { LANG: 'en_US.UTF-8', HOME: configDir });
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  stdin.end('');
  const deps = await createDeps(env, { streams: { stdin, stdout, stderr }, clock, command });
  let code: number = ExitCode.ok;
  try {
    await deps.lifecycle.prepare(options as Record<string, unknown>);
    const result = await run(options, deps);
    code = typeof result === 'number' ? result : ExitCode.ok;
  } catch (thrown) {
    code = exitCodeFor(thrown);
    for (const line of renderError(thrown, deps.t, false)) deps.io.err(line);
  } finally {
    await deps.lifecycle.finish(code);
    await deps.stores.close();
  }
  // The streams are written synchronously; one turn lets the last chunk arrive.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out, stderr: err };
}
