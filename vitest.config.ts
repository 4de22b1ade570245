import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // The CLI's `#sandbox/*` imports (package.json "imports") run the sandbox's TypeScript source in
  // tests, as tsconfig.json's customConditions make the type checker read it, not its build.
  resolve: { alias: [{ find: /^#sandbox\/(.*)$/, replacement: fileURLToPath(new URL('./sandbox/src/$1', import.meta.url)) }] },
  test: {
    setupFiles: ['test/helpers/setup.ts'],
    // Ceilings for a hung test, not margins: no outcome depends on them (faults are driven by
    // events). Real processes on a loaded 2-core machine need room before a hang is declared.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // What a local run skipped (a missing package, no PostgreSQL, not root), printed last.
    reporters: ['default', './test/helpers/skip-summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/commands/**'] } },
      // The per-command tier (docs/testing-tiers.md): each file calls one command's run() in this
      // process. One worker serves many files, so the product's modules load once per worker,
      // not once per file: the tier runs in seconds. Every test builds its own Deps and store.
      { extends: true, test: { name: 'commands', include: ['test/commands/**/*.test.ts'], isolate: false } },
    ],
  },
});
