// The shards of the mutation run: scripts/mutation/shards/<name>.json, each { about, mutate }.
// Each runs with stryker.config.json plus its own files, incremental file and reports.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
/** Where the shards that run together keep the run's own config, incremental file and reports. */
const RUN_DIR = join('reports', 'mutation', 'run');

/**
 * One Stryker run for every shard that has to run: one dry run and one ramp up and down instead of
 * one each (most of a small shard's time). Its incremental file starts as the union of theirs.
 */
export function runConfig(shards) {
  const { $schema, mutate, ...base } = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
  void $schema; void mutate;
  mkdirSync(RUN_DIR, { recursive: true });
  const incrementalFile = join(RUN_DIR, 'stryker-incremental.json');
  const reports = shards.map((shard) => readJson(join(reportDir(shard), 'stryker-incremental.json'))).filter(Boolean);
  if (reports.length) writeFileSync(incrementalFile, JSON.stringify(mergeReports(reports)));
  else rmSync(incrementalFile, { force: true });
  const path = join(RUN_DIR, 'stryker.config.json');
  writeFileSync(path, JSON.stringify({
    ...base,
    mutate: shards.flatMap((shard) => shard.mutate),
    incrementalFile,
    htmlReporter: { fileName: join(RUN_DIR, 'mutation.html') },
    jsonReporter: { fileName: join(RUN_DIR, 'mutation.json') },
  }, null, 2));
  return path;
}

/** After the run: each shard gets its own files of the run's report and incremental file. */
export function splitRun(shards) {
  for (const name of ['mutation.json', 'stryker-incremental.json']) {
    const report = readJson(join(RUN_DIR, name));
    if (!report) continue;
    for (const shard of shards) {
      mkdirSync(reportDir(shard), { recursive: true });
      const files = Object.fromEntries(shard.mutate.filter((file) => report.files[file]).map((file) => [file, report.files[file]]));
      writeFileSync(join(reportDir(shard), name), JSON.stringify({ ...report, files }));
    }
  }
}

/**
 * The union of shards' incremental files, which may come from different runs. A test's id is only
 * its number in the run that wrote it (the same test was 752 in one run and 1205 in the next), and
 * mutants name their covering and killing tests by id: so each test gets one id here, by its file,
 * name and place, and every mutant's ids are rewritten to it. Taking one file's tests over
 * another's would make the other shard's mutants name tests that are not theirs: at best run again
 * for nothing, at worst taken as killed by a test that never ran against them. A test file recorded
 * with a different text in two of them keeps the first; the other's tests are dropped from its
 * mutants, which then run again.
 */
export function mergeReports(reports) {
  const idOf = new Map();
  const testFiles = {};
  const files = {};
  for (const report of reports) {
    const ids = new Map();
    for (const [name, testFile] of Object.entries(report.testFiles ?? {})) {
      const merged = (testFiles[name] ??= { ...testFile, tests: [] });
      if (merged.source !== testFile.source) continue;
      for (const test of testFile.tests) {
        const key = JSON.stringify([name, test.name, test.location?.start ?? null]);
        if (!idOf.has(key)) {
          idOf.set(key, String(idOf.size));
          merged.tests.push({ ...test, id: idOf.get(key) });
        }
        ids.set(test.id, idOf.get(key));
      }
    }
    const rewrite = (list) => list && list.map((id) => ids.get(id)).filter((id) => id !== undefined);
    for (const [name, result] of Object.entries(report.files)) {
      files[name] = { ...result, mutants: result.mutants.map((mutant) => ({ ...mutant, coveredBy: rewrite(mutant.coveredBy), killedBy: rewrite(mutant.killedBy) })) };
    }
  }
  return { ...reports[0], files, testFiles };
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

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
