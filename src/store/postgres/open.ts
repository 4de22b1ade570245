import type { Clock } from '../../io/clock.js';
import type { Store } from '../store.js';

// Replaced by the PostgreSQL backend (branch postgres) before this lands.
export async function openPostgresStore(_url: string, _options: { clock: Clock; key?: string }): Promise<Store> {
  throw new Error('PostgreSQL backend not merged yet');
}
