import type { EncryptedSecrets, LockRepo, Store, StoreInfo, StoreStats } from '../store.js';
import { configRepo } from './config.js';
import { decisionsRepo } from './decisions.js';
import type { SqlDatabase } from './database.js';
import { destinationsRepo, linksRepo, usersRepo } from './directory.js';
import { exportRecords } from './dump-export.js';
import { createRestorer } from './dump-restore.js';
import { historyRepo } from './history.js';
import { deliveryLedger } from './ledger.js';
import { movedRepo } from './moved.js';
import { MOVED_SETTING } from '../repos/moved.js';
import { runRecords } from './runs.js';
import { createAudit } from './audit.js';

export interface BackendParts {
  info: StoreInfo;
  locks: LockRepo;
  secrets?: EncryptedSecrets;
  sizeBytes(): Promise<number>;
  /** Closes what the backend holds besides the database (a lock connection, say). */
  close?(): Promise<void>;
}

/** The store over any SQL database: the repositories are shared, the backend brings the rest. */
export function createSqlStore(db: SqlDatabase, parts: BackendParts): Store {
  const audit = createAudit(db);
  const count = async (sql: string) => Number((await db.get<{ n: number | string }>(sql))!.n);
  return {
    info: parts.info,
    config: configRepo(db, parts.info.location, audit.writer),
    users: usersRepo(db),
    links: linksRepo(db, audit.writer),
    decisions: decisionsRepo(db, audit.writer),
    destinations: destinationsRepo(db, parts.info.location, audit.writer),
    audit: audit.repo,
    deliveries: deliveryLedger(db),
    history: historyRepo(db),
    locks: parts.locks,
    moved: movedRepo(db, parts.info.location),
    runs: runRecords(db),
    ...(parts.secrets ? { secrets: parts.secrets } : {}),
    async stats(): Promise<StoreStats> {
      return {
        users: await count('SELECT COUNT(*) AS n FROM users'),
        links: await count('SELECT COUNT(*) AS n FROM links'),
        deliveries: await count('SELECT COUNT(*) AS n FROM deliveries'),
        deferred: await count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'deferred'"),
        inFlight: await count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'in-flight'"),
        runs: await count('SELECT COUNT(*) AS n FROM runs'),
        sizeBytes: await parts.sizeBytes(),
      };
    },
    probeWrite: () => db.transaction(async (tx) => {
      await tx.run("INSERT INTO settings (key, value) VALUES ('doctorProbe', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      await tx.run("DELETE FROM settings WHERE key = 'doctorProbe'");
    }),
    exportRecords: () => exportRecords(db),
    restore: (records, options) => db.transaction(async (tx) => {
      if (options?.replace) {
        for (const table of ['delivery_pairs', 'skips', 'deliveries', 'links', 'link_rejections', 'link_history', 'users', 'destinations', 'runs']) await tx.run(`DELETE FROM ${table}`);
        await tx.run('DELETE FROM settings WHERE key <> ?', [MOVED_SETTING]);
      }
      const restorer = createRestorer(tx, Number((await tx.get<{ n: number | null }>('SELECT MAX(position) AS n FROM users'))?.n ?? -1) + 1, options);
      for await (const record of records) await restorer.add(record);
      return restorer.finish();
    }),
    async close() {
      await parts.close?.();
      await db.close();
    },
  };
}
