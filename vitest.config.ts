import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The CLI's `#sandbox/*` imports (package.json "imports") run the sandbox's TypeScript source in
  // tests, as tsconfig.json's customConditions make the type checker read it, not its build.
  resolve: { alias: [{ find: /^#sandbox\/(.*)$/, replacement: fileURLToPath(new URL('./sandbox/src/$1', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // What a local run skipped (a missing package, no PostgreSQL, not root), printed last.
    reporters: ['default', './test/helpers/skip-summary-reporter.ts'],
  },
});
