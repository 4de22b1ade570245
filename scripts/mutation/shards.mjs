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
 * What a shard's result depends on as Stryker's incremental mode sees it: the files it mutates,
 * every test file and the two configs. Like that mode, it does not notice a change to another
 * source file that a mutated one imports (`--force` runs the shard anyway).
 */
export function fingerprint(shard) {
  const hash = createHash('sha256');
  const files = [...shard.mutate, ...walk('test'), 'stryker.config.json', 'vitest.mutation.config.ts',
    `scripts/mutation/shards/${shard.name}.json`];
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
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
