import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG_URL_ENV = 'HIMANAGER_CHATWORK_TEST_PG_URL';

const url = process.env[TEST_PG_URL_ENV];

/**
 * Tests against a real PostgreSQL: the throw-away cluster that scripts/postgres-test-cluster.sh
 * starts (.ci/run does it). Without its URL they skip with a message; under CI that is a failure.
 */
export const postgres = {
  available: url !== undefined && url !== '',
  reason: `${TEST_PG_URL_ENV} is not set: install PostgreSQL (apt-get install -y postgresql) and start a throw-away cluster with eval "$(scripts/postgres-test-cluster.sh start)"`,
};
if (!postgres.available) {
  if (process.env.CI) throw new Error(`CI must have PostgreSQL: ${postgres.reason}`);
  console.warn(`skipping: ${postgres.reason}`);
}

function clusterUrl(): URL {
  const parsed = new URL(url!);
  // No test reaches a host other than this machine's loopback.
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(parsed.hostname)) {
    throw new Error(`${TEST_PG_URL_ENV} must point at 127.0.0.1, not ${parsed.hostname}`);
  }
  return parsed;
}

export interface TestDatabase {
  url: string;
  /** Runs SQL as the test (not through the store): to read raw tables or kill sessions. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database on the test cluster, with a random name; drop() removes it. `icuLocale`
 * makes one whose text sorts as a real-world database's does (the cluster's own default is C).
 */
export async function freshDatabase(options: { icuLocale?: string } = {}): Promise<TestDatabase> {
  const name = `hmcw_test_${randomBytes(6).toString('hex')}`;
  const locale = options.icuLocale
    ? ` LOCALE_PROVIDER icu ICU_LOCALE ${pg.escapeLiteral(options.icuLocale)} LOCALE 'C' TEMPLATE template0` : '';
  await admin((client) => client.query(`CREATE DATABASE ${name}${locale}`));
  const parsed = clusterUrl();
  parsed.pathname = `/${name}`;
  const dbUrl = parsed.toString();
  return {
    url: dbUrl,
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: dbUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
