// The mutation run only (vitest.mutation.config.ts). Its tests share one worker, so each module
// is evaluated once, inside whichever test first needs it: a CLI-level test that loads the
// templates lazily would be taken as the only test covering their module-level constants, and
// Stryker would run that test, never the templates' own, against those mutants. Loading every
// mutated module here, outside any test, makes module-level code what it is: static (left out
// by `ignoreStatic`, see docs/testing.md). Only where coverage is measured (Stryker's first run, or
// this config run by hand), not for each mutant: each mutant's run loads the project's modules
// anew (scripts/mutation/persistent-threads) and would pay for every one, and a mutant is switched
// on where it is executed, whenever the module was loaded.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const loaded = Symbol.for('himanager-chatwork.mutated-modules-loaded');
const worker = globalThis as { [loaded]?: boolean };
// Stryker's vitest runner provides 'mode' ('dry-run' or 'mutant'); nothing provides it elsewhere.
const mode = (inject as (key: string) => unknown)('mode');
if (mode !== 'mutant' && !worker[loaded]) {
  worker[loaded] = true;
  const root = new URL('../../', import.meta.url);
  for (const file of await mutatedFiles(root)) await import(fileURLToPath(new URL(file, root)));
}

/** The files this run mutates (scripts/mutation/run.mjs says which), or every shard's when run by hand. */
async function mutatedFiles(root: URL): Promise<string[]> {
  const named = process.env.HMCW_MUTATION_FILES;
  if (named) return named.split(',').filter(Boolean);
  const shards = new URL('scripts/mutation/shards/', root);
  const files: string[] = [];
  for (const name of (await readdir(shards)).filter((entry) => entry.endsWith('.json'))) {
    files.push(...(JSON.parse(await readFile(new URL(name, shards), 'utf8')) as { mutate: string[] }).mutate);
  }
  return files;
}
