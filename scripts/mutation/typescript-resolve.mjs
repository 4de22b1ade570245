import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const api = pathToFileURL(createRequire(import.meta.url).resolve('./typescript-api/node_modules/typescript')).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/@stryker-mutator/')) {
    return { url: api, format: 'commonjs', shortCircuit: true };
  }
  return next(specifier, context);
}
