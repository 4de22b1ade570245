// The project builds with TypeScript 7, which has no JavaScript compiler API. Stryker's type
// checker (and its tsconfig rewriting) need one: `typescript` imported from Stryker resolves to the 6.x copy in
// scripts/mutation/typescript-api instead. Nothing else is redirected.
import { register } from 'node:module';

register('./typescript-resolve.mjs', import.meta.url);
