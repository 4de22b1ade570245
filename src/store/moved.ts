import { CliError } from '../errors/index.js';
import type { MovedMarker, Store } from './store.js';

/**
 * The store was moved by `state migrate`: every command refuses it (exit 1) and says where the
 * state lives now and how to point at it, so no host goes on with a copy that is behind.
 */
export class StateMovedError extends CliError {
  constructor(readonly source: string, readonly marker: MovedMarker) {
    super('state.moved', movedParams(source, marker), { hint: { key: 'state.movedHint', params: movedParams(source, marker) } });
  }
}

export function movedParams(source: string, marker: MovedMarker) {
  return { source, location: marker.location, at: marker.at, host: marker.host, value: shellQuote(marker.location) };
}

/** Throws StateMovedError when the store carries the moved marker. */
export async function refuseIfMoved(store: Store): Promise<void> {
  const marker = await store.moved.get();
  if (marker) throw new StateMovedError(store.info.location, marker);
}

/** As typed in a shell: a path with a space or a URL with `&` stays one word. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
