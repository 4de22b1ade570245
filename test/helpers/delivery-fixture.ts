import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { Store } from '../../src/store/store.js';
import { createFakeChatwork, type FakeChatwork } from './fake-chatwork.js';
import { createFakeClock } from './fake-clock.js';

export interface DeliveryFixture {
  store: Store;
  clock: ReturnType<typeof createFakeClock>;
  api: FakeChatwork;
  close(): Promise<void>;
}

/** The exactly-once core's test bench: the ledger in a real SQLite store in a new folder, a fake clock, an in-memory Chatwork. */
export async function openDeliveryFixture(prefix: string): Promise<DeliveryFixture> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const clock = createFakeClock();
  const store = await openSqliteStore(join(dir, 'state.db'), { clock, configDir: dir });
  return {
    store, clock, api: createFakeChatwork(clock),
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
