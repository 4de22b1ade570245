import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { systemClock } from '../../src/io/clock.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { storeContract } from './contract.js';

describe('store contract: SQLite', () => {
  storeContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-store-'));
    return {
      open: () => openSqliteStore(join(dir, 'state.db'), { clock: systemClock, configDir: dir }),
      child: { backend: 'sqlite', location: dir },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  });
});
