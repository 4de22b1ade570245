// npm run mutation:reuse-check — the mutation run's tests twice in one kept worker thread
// (scripts/mutation/persistent-threads), as the mutation run uses them: a test that passes on
// the first run and fails on the second depends on state the first left behind in a package
// (nock's interceptors once restored, say). In the mutation run it would fail for every mutant
// it covers and count them killed. Exits 1, naming such tests.
import { createVitest } from 'vitest/node';
import { THREADS_STARTED } from './persistent-threads/pool.mjs';

const ctx = await createVitest('test', {
  config: 'vitest.mutation.config.ts', maxWorkers: 1, watch: false, reporters: [], coverage: { enabled: false },
});
// As Stryker's runner, for test/helpers/mutation-setup.ts: a mutant's run, no mutant switched on.
ctx.provide('mode', 'mutant');

async function failures() {
  ctx.state.filesMap.clear();
  await ctx.start();
  const failed = [];
  const walk = (task) => {
    if (task.type === 'test' && task.result?.state === 'fail') failed.push(task.fullName ?? task.name);
    for (const child of task.tasks ?? []) walk(child);
  };
  ctx.state.getFiles().forEach(walk);
  return { failed, files: ctx.state.getFiles().length };
}

const first = await failures();
const second = await failures();
await ctx.close();
const onlySecond = second.failed.filter((name) => !first.failed.includes(name));
// Two runs in two threads would prove nothing: the check is about the thread kept between them.
const threads = globalThis[THREADS_STARTED] ?? 0;
if (threads !== 1) {
  console.log(`mutation:reuse-check: the two runs used ${threads} worker threads, not one: is the kept-thread pool still in vitest.mutation.config.ts?`);
  process.exit(1);
}
console.log(`mutation:reuse-check: ${first.files} test files, run twice in one worker thread; failed: ${first.failed.length} on the first run, ${second.failed.length} on the second`);
for (const name of first.failed) console.log(`  fails on its own: ${name}`);
for (const name of onlySecond) console.log(`  fails only when run again: ${name}`);
process.exit(first.failed.length || onlySecond.length ? 1 : 0);
