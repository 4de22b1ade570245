// PostgreSQL for the chaos run: the test cluster named by HIMANAGER_CHATWORK_TEST_PG_URL, or a
// throw-away one started here (scripts/postgres-test-cluster.sh), a fresh database in it, and the
// lock-session kill: pg_terminate_backend of the session that holds the run's advisory lock.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SCRIPT = new URL('../postgres-test-cluster.sh', import.meta.url).pathname;

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}

/** A fresh database; `stop()` drops it, and stops the cluster when this run started it. */
export async function chaosDatabase() {
  let clusterUrl = process.env.HIMANAGER_CHATWORK_TEST_PG_URL;
  let started;
  if (!clusterUrl) {
    const exports = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    started = Object.fromEntries([...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    clusterUrl = started.HIMANAGER_CHATWORK_TEST_PG_URL;
  }
  const name = `hmcw_chaos_${randomBytes(5).toString('hex')}`;
  await withClient(clusterUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /** Ends the session holding an advisory lock in this database; false when nobody holds one. */
    async killLockSession() {
      return withClient(clusterUrl, async (c) => {
        const { rows } = await c.query(`SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
          WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1`, [name]);
        for (const { pid } of rows) await c.query('SELECT pg_terminate_backend($1)', [pid]);
        return rows.length > 0;
      });
    },
    async stop() {
      await withClient(clusterUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
      if (started) execFileSync('bash', [SCRIPT, 'stop', started.HIMANAGER_CHATWORK_TEST_PG_DIR], { stdio: 'inherit', env: { ...process.env, ...started } });
    },
  };
}
