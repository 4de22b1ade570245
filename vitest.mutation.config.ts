import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The fast tests the mutation run uses (npm run mutation): the unit tests and the SQLite store
 * contract, all in-process. The integration suite runs the built CLI as a child process, so it
 * could not see a mutant anyway, and it takes minutes.
 */
export default defineConfig({
  // The CLI's `#sandbox/*` imports (package.json "imports") run the sandbox's TypeScript source in
  // tests, as tsconfig.json's customConditions make the type checker read it, not its build.
  resolve: { alias: [{ find: /^#sandbox\/(.*)$/, replacement: fileURLToPath(new URL('./sandbox/src/$1', import.meta.url)) }] },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/store/sqlite.test.ts'],
    // Need a Secret Service or a session bus, and test the keychain, not the mutated core.
    exclude: ['test/unit/secrets-keychain*.test.ts',
      // Its HTTP interceptors do not survive a worker shared with other files, and it tests the HTTP client.
      'test/unit/client-requests.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One worker reused across files: a mutant run pays no process start per test file.
    isolate: false,
  },
});
