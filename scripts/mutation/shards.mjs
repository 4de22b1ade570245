// The shards of the mutation run: scripts/mutation/shards/<name>.json, each { about, mutate }.
// Each runs with stryker.config.json plus its own files, incremental file and reports.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('./shards/', import.meta.url);
const ORDER = ['core'];

export function loadShards(only) {
  const names = readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const unknown = (only ?? []).filter((name) => !names.includes(name));
  if (unknown.length) throw new Error(`--shard: no shard named ${unknown.join(', ')} (there are: ${names.join(', ')})`);
  const shards = names.filter((name) => !only || only.includes(name))
    .map((name) => ({ name, ...JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) }));
  const owners = new Map();
  for (const shard of shards) {
    for (const file of shard.mutate) {
      if (owners.has(file)) throw new Error(`${file} is in two shards: ${owners.get(file)} and ${shard.name}`);
      if (!existsSync(file)) throw new Error(`scripts/mutation/shards/${shard.name}.json: ${file} does not exist`);
      owners.set(file, shard.name);
    }
  }
  return shards;
}

const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
const reportDir = (shard) => join('reports', 'mutation', shard.name);

export function shardConfig(shard) {
  const { $schema, mutate, ...base } = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
  void $schema; void mutate;
  return {
    path: join(reportDir(shard), 'stryker.config.json'),
    content: {
      ...base,
      mutate: shard.mutate,
      incrementalFile: join(reportDir(shard), 'stryker-incremental.json'),
      htmlReporter: { fileName: join(reportDir(shard), 'mutation.html') },
      jsonReporter: { fileName: join(reportDir(shard), 'mutation.json') },
    },
  };
}

/**
 * The text of everything a shard's result could depend on, read once before it runs: the files it
 * mutates, the two configs, its shard file and every file under test/.
 */
export function snapshot(shard) {
  const files = [...shard.mutate, 'stryker.config.json', 'vitest.mutation.config.ts', `scripts/mutation/shards/${shard.name}.json`, ...walk('test')];
  return new Map(files.map((file) => [file, createHash('sha256').update(readFileSync(file)).digest('hex')]));
}

/**
 * What a shard's result depends on as Stryker's incremental mode sees it: the files it mutates,
 * the configs, the test files whose tests covered one of its mutants in `report` (its last run),
 * and every other file under test/ that is not a test file (helpers, the store contract). A test
 * file that covered none of them can, changed or new, only kill more: the last report stands, and
 * understates. Like Stryker's mode, it does not notice a change to another source file that a
 * mutated one imports (`--force` runs the shard anyway).
 */
export function fingerprint(hashes, report) {
  const covering = coveringTestFiles(report);
  const hash = createHash('sha256');
  for (const [file, digest] of hashes) {
    if (file.startsWith('test/') && file.endsWith('.test.ts') && !covering.has(file)) continue;
    hash.update(file).update('\0').update(digest).update('\0');
  }
  return hash.digest('hex');
}

function coveringTestFiles(report) {
  const covered = new Set(Object.values(report?.files ?? {}).flatMap((file) => file.mutants.flatMap((mutant) => mutant.coveredBy ?? [])));
  return new Set(Object.entries(report?.testFiles ?? {}).filter(([, file]) => file.tests.some((test) => covered.has(test.id))).map(([name]) => name));
}

function walk(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).sort().flatMap((entry) => walk(join(path, entry)));
}

export function lastRun(shard) {
  const file = join(reportDir(shard), 'last-run.json');
  const report = join(reportDir(shard), 'mutation.json');
  if (!existsSync(file) || !existsSync(report)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function saveRun(shard, run) {
  writeFileSync(join(reportDir(shard), 'last-run.json'), JSON.stringify(run, null, 2));
}

export function readReport(shard) {
  const file = join(reportDir(shard), 'mutation.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}
