// One table over the shards: per shard and per file, the mutants that count (Stryker's score:
// killed and timed out over those plus survived and not covered; a mutant the type checker
// rejects, or one left out as module-level data, does not count) and the time it took.
import { readReport } from './shards.mjs';

const BREAK = 85;
const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });
const KEY = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' };
const score = (c) => {
  const detected = c.killed + c.timeout;
  const total = detected + c.survived + c.noCoverage;
  return total === 0 ? 100 : (100 * detected) / total;
};
const add = (into, from) => { for (const key of Object.keys(into)) into[key] += from[key]; };

export function summarize(results) {
  const total = empty();
  const shards = results.map(({ shard, seconds, reused, previous, code, with: together }) => {
    const report = readReport(shard);
    const counts = empty();
    const files = shard.mutate.map((file) => {
      const fileCounts = empty();
      for (const mutant of report?.files[file]?.mutants ?? []) if (KEY[mutant.status]) fileCounts[KEY[mutant.status]] += 1;
      add(counts, fileCounts);
      return { file, ...fileCounts, score: score(fileCounts) };
    });
    add(total, counts);
    const one = (names, secs) => (names?.length > 1 ? `in one run with ${names.filter((name) => name !== shard.name).join(', ')}, ${Math.round(secs)} s in all` : `${Math.round(secs)} s`);
    const ran = reused ? `unchanged since ${previous.finishedAt} (${one(previous.with, previous.seconds)})`
      : together?.[0] === shard.name ? one(together, seconds) : `in the run above (${together?.[0]})`;
    return { name: shard.name, about: shard.about, ...counts, score: score(counts), seconds, ran, failed: !reused && code !== 0, missing: !report, files };
  });
  const seconds = shards.reduce((sum, shard) => sum + shard.seconds, 0);
  const failed = shards.some((shard) => shard.failed || shard.missing || shard.score < BREAK) || score(total) < BREAK;
  return { shards, ...total, score: score(total), seconds, failed, breakAt: BREAK };
}

export function printSummary(summary) {
  const pct = (value) => `${value.toFixed(2)} %`;
  console.log('\nmutation summary (killed + timed out) / (those + survived + not covered):');
  for (const shard of summary.shards) {
    console.log(`\nshard ${shard.name}: ${pct(shard.score)}, ${shard.killed} killed, ${shard.timeout} timed out, ${shard.survived} survived, ${shard.noCoverage} not covered; ${shard.ran}`);
    for (const file of shard.files) {
      console.log(`  ${pct(file.score).padStart(9)}  ${file.file}  (${file.killed}+${file.timeout} / ${file.killed + file.timeout + file.survived + file.noCoverage})`);
    }
    if (shard.missing) console.log('  no report: the shard has not completed a run');
  }
  console.log(`\nall shards: ${pct(summary.score)} (${summary.killed} killed, ${summary.timeout} timed out, ${summary.survived} survived, ${summary.noCoverage} not covered), ${Math.round(summary.seconds)} s of runs now; break below ${summary.breakAt} %`);
}
