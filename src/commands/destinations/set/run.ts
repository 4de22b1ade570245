import type { Deps } from '../../../deps.js';
import { setDestination } from '../../../destinations/set.js';
import { parseType } from '../../shared/parse.js';
import type { DestinationsSetOptions } from './command.js';

export async function run(options: DestinationsSetOptions, deps: Deps): Promise<void> {
  return setDestination(deps, { ...options, type: parseType(options.type) });
}
