// typescript-eslint with the TypeScript 6 API installed beside it. npm keeps typescript-eslint in
// this folder (its peer range stops before 7), but hoists ts-api-utils, which it uses, to the
// project's node_modules, where `typescript` is 7 and has no JavaScript API: so `typescript`
// asked for from either resolves to the copy here. Nothing else is redirected.
import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const typescript6 = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
const readers = /\/node_modules\/(?:ts-api-utils|typescript-eslint|@typescript-eslint\/[^/]+)\//;

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'typescript' && readers.test(context.parentURL ?? '')) {
      return { url: typescript6, format: 'commonjs', shortCircuit: true };
    }
    return next(specifier, context);
  },
});

const { default: tseslint } = await import('typescript-eslint');
export default tseslint;
