import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// The 6.x copy, keeping each file's syntax tree between checks (typescript-api/parse-cache.cjs).
const api = pathToFileURL(createRequire(import.meta.url).resolve('./typescript-api/parse-cache.cjs')).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/@stryker-mutator/')) {
    return { url: api, format: 'commonjs', shortCircuit: true };
  }
  return next(specifier, context);
}
