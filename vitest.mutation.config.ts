import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import QuickFirstSequencer from './test/helpers/quick-first-sequencer.js';
import { persistentThreads } from './scripts/mutation/persistent-threads/pool.mjs';

/**
 * The fast tests the mutation run uses (npm run mutation): the unit tests and the SQLite store
 * contract, all in-process. The per-command and integration tests are left out for their time
 * (most of them run the CLI in-process and could see a mutant), see docs/testing.md.
 */
export default defineConfig({
  // The CLI's `#sandbox/*` imports (package.json "imports") run the sandbox's TypeScript source in
  // tests, as tsconfig.json's customConditions make the type checker read it, not its build.
  resolve: { alias: [{ find: /^#sandbox\/(.*)$/, replacement: fileURLToPath(new URL('./sandbox/src/$1', import.meta.url)) }] },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/store/sqlite.test.ts'],
    // Need a Secret Service or a session bus, and test the keychain, not the mutated core.
    exclude: ['test/unit/secrets-keychain*.test.ts',
      // Their HTTP interceptors (nock) do not survive a worker shared with other files, and they
      // test the HTTP client: since the per-command tier and the console joined, client.test.ts too.
      'test/unit/client-requests.test.ts', 'test/unit/client.test.ts',
      // The documentation's own checks read bench/ and docs/, which the mutation sandbox leaves out; no mutant is in them.
      'test/unit/doc-links.test.ts', 'test/unit/docs-contracts.test.ts',
      // They read the source text, which the mutation run has instrumented (it adds its own process.env reads).
      'test/unit/environment-reader.test.ts', 'test/unit/structure.test.ts'],
    setupFiles: ['test/helpers/setup.ts', 'test/helpers/mutation-setup.ts'],
    // A mutant that makes a test wait forever (a lock never taken, a request that never comes)
    // fails here, after 5 s, in the same worker: Stryker's own timeout would end the worker and
    // start a new one, some 20 s a mutant. The slowest test takes 1.8 s alone (matcher-rounds
    // sets its own limit).
    testTimeout: 5_000,
    hookTimeout: 5_000,
    sequence: { sequencer: QuickFirstSequencer },
    // One worker serves all the files of a run, and (the plugin below) run after run.
    isolate: false,
  },
  plugins: [{
    // Stryker's runner sets vitest's `pool` itself (`vitest.pool` in stryker.config.json, threads),
    // so the pool whose thread outlives a run (scripts/mutation/persistent-threads) is put in here,
    // once the config is resolved. HMCW_MUTATION_POOL=threads keeps vitest's own, to compare.
    name: 'mutation-persistent-threads',
    configureVitest({ project }) {
      if (process.env.HMCW_MUTATION_POOL === 'threads') return;
      project.config.pool = persistentThreads.name;
      project.config.poolRunner = persistentThreads;
    },
  }],
});
