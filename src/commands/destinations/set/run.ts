import type { Deps } from '../../../deps/deps.js';
import { setDestination } from '../../../flows/set-destination.js';
import { parseType } from '../../shared/parse.js';

export interface DestinationsSetOptions { type: string; destination: string; as?: string; nonMembers?: string; json?: boolean }

export async function run(options: DestinationsSetOptions, deps: Deps): Promise<void> {
  return setDestination(deps, { ...options, type: parseType(options.type) });
}
