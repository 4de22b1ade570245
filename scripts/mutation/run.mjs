// npm run mutation: StrykerJS over every module with decisions in it, shard by shard
// (scripts/mutation/shards/*.json), against the fast tests (vitest.mutation.config.ts).
//   npm run mutation                     every shard, in sequence, then one summary
//   npm run mutation -- --shard core     only the named shards (comma-separated)
//   npm run mutation -- --force          run shards whose inputs have not changed, too
//   node scripts/mutation/run.mjs --mutate "src/x.ts:10-40" [stryker flags]   one ad-hoc run
// Each shard is incremental (its own reports/mutation/<shard>/stryker-incremental.json), and a
// shard whose mutated files, tests and configs are unchanged since its last run is not started
// at all: its last report stands. See docs/testing.md.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadShards, fingerprint, lastRun, readReport, runConfig, saveRun, snapshot, splitRun } from './shards.mjs';
import { summarize, printSummary } from './summary.mjs';

const hook = fileURLToPath(new URL('./typescript-hook.mjs', import.meta.url));
const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

function strykerRun(args, mutate) {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(),
    // test/helpers/mutation-setup.ts loads exactly the modules this run mutates.
    HMCW_MUTATION_FILES: mutate.map((file) => file.replace(/:[\d:-]+$/, '')).join(','),
  };
  const child = spawn(process.execPath, [stryker, 'run', ...args], { stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    resolve(code ?? (signal ? 1 : 0));
  }));
}

const args = process.argv.slice(2);
const flag = (name) => { const at = args.indexOf(name); return at < 0 ? undefined : args.splice(at, 2)[1]; };
const mutateFlag = args.indexOf('--mutate');
if (mutateFlag >= 0) {
  process.exit(await strykerRun(args, args[mutateFlag + 1].split(',')));
}
const only = flag('--shard')?.split(',');
const force = args.includes('--force') ? (args.splice(args.indexOf('--force'), 1), true) : false;
const shards = loadShards(only);
const results = [];
const toRun = [];
for (const shard of shards) {
  const hashes = snapshot(shard);
  const previous = lastRun(shard);
  if (!force && previous?.fingerprint === fingerprint(hashes, readReport(shard))) {
    console.log(`mutation: shard ${shard.name}: nothing it depends on changed since ${previous.finishedAt}; its last report stands`);
    results.push({ shard, seconds: 0, reused: true, previous });
  } else toRun.push({ shard, hashes });
}
if (toRun.length) {
  const together = toRun.map(({ shard }) => shard);
  console.log(`mutation: ${together.map((shard) => `${shard.name} (${shard.mutate.length} files)`).join(', ')}, in one run`);
  const started = Date.now();
  const code = await strykerRun([runConfig(together), ...args], together.flatMap((shard) => shard.mutate));
  const seconds = (Date.now() - started) / 1000;
  if (code === 0) splitRun(together);
  const finishedAt = new Date().toISOString();
  for (const [index, { shard, hashes }] of toRun.entries()) {
    // Against the files as they were when it started, and the tests that cover its mutants now.
    if (code === 0) saveRun(shard, { fingerprint: fingerprint(hashes, readReport(shard)), finishedAt, seconds, with: together.map((s) => s.name) });
    results.push({ shard, seconds: index === 0 ? seconds : 0, code, with: together.map((s) => s.name) });
  }
}
const summary = summarize(results);
printSummary(summary);
writeFileSync(join('reports', 'mutation', 'summary.json'), JSON.stringify(summary, null, 2));
process.exit(summary.failed ? 1 : 0);
