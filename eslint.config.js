// Lint: typescript-eslint's type-aware recommended rules over the product, the sandbox, the tests
// and the scripts. The rules turned off, and why, are listed in docs/architecture-lint.md.
import { defineConfig } from 'eslint/config';
// typescript-eslint with its own TypeScript 6 API (TypeScript 7 has none): scripts/lint/typescript-eslint.
import tseslint from 'typescript-eslint-for-lint';

export default defineConfig(
  { ignores: ['**/dist/', '**/node_modules/', 'reports/', '.stryker-tmp/', 'bench/', 'demo/'] },
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'vitest.mutation.config.ts', 'scripts/mutation/persistent-threads/pool.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Each rule turned off here is explained in docs/architecture-lint.md.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read what the CLI printed (JSON.parse) and poke at what the sandbox holds: `any` there
    // is the input under test, and a wrong guess fails the assertion that reads it.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
