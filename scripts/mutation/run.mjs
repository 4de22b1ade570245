// npm run mutation: Stryker over the delivery, ledger, lock, linking, rate-limit, token, login
// and neutralisation code (stryker.config.json), against the fast tests (vitest.mutation.config.ts).
// Incremental: a run after a small change re-tests only the mutants it touches.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hook = fileURLToPath(new URL('./typescript-hook.mjs', import.meta.url));
const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim() };
const child = spawn(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
