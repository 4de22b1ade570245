import { createRequire } from 'node:module';

// Read from package.json at run time so that a release bump cannot forget this file.
const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;
