// npm run bench [-- --quick]: the speed and memory figures of docs/performance.md, each a median over
// repeated runs with its spread, and a ratio to a baseline measured in the same run.
// Everything runs against the sandbox on 127.0.0.1; nothing here asserts, it measures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'himanager-chatwork.js');
const quick = process.argv.includes('--quick');
const { startSandbox } = await import(join(root, 'sandbox', 'dist', 'server.js'));
// Test data comes from the tests' generators (TypeScript, which Node 24 runs as it is).
const { generatedContacts } = await import(join(root, 'test', 'generators', 'people.ts'));
const { formatTable } = await import(join(root, 'dist', 'io', 'table.js'));

const rows = [];
const record = (group, figure, value, unit, baseline, target, note = '') => {
  rows.push({ group, figure, value, unit, baseline, ratio: baseline ? value / baseline : undefined, target, note });
  process.stderr.write(`  ${group}: ${figure} = ${fmt(value)} ${unit}${baseline ? ` (×${(value / baseline).toFixed(2)})` : ''}\n`);
};
const fmt = (n) => (typeof n !== 'number' ? String(n) : Number.isInteger(n) || Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (values) => { const s = [...values].sort((a, b) => a - b); return `${fmt(s[Math.floor(s.length * 0.1)])}–${fmt(s[Math.ceil(s.length * 0.9) - 1])}`; };

// The binary runs as a user runs it: executed, through its shebang (`env -S node <flags>`), with
// the Node that runs this script first on PATH.
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
/** The shebang's flags before --optimize-for-size: the baseline of what that flag costs and saves. */
const WITHOUT_SIZE_FLAG = ['--max-semi-space-size=8'];
// Peak RSS comes from the process itself, written at exit by a hook loaded through NODE_OPTIONS.
// On Linux it is VmHWM, the high-water mark of the process's own memory since its exec: getrusage's
// maxRSS also counts the pages the child shared with this (large) process between fork and exec,
// so it reported the bench's own RSS (sandbox and all) whenever that was larger.
const rssHook = join(mkdtempSync(join(tmpdir(), 'hmcw-bench-hook-')), 'rss-hook.mjs');
writeFileSync(rssHook, `import { readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  let kb;
  try { kb = Number(/^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { kb = process.resourceUsage().maxRSS; }
  writeFileSync(process.env.HMCW_BENCH_RSS_FILE, \`\${kb} \${process.resourceUsage().maxRSS}\`);
});
`);

process.on('exit', () => rmSync(dirname(rssHook), { recursive: true, force: true }));

/** Runs the real binary; resolves with its exit code, output, wall time and peak RSS. */
function cli(args, { env = {}, configDir, stdin, nodeFlags } = {}) {
  const rssFile = join(tmpdir(), `hmcw-rss-${randomBytes(4).toString('hex')}`);
  const argv = [...(configDir ? ['--config-dir', configDir, '--secret-store', 'file'] : []), ...args];
  // `nodeFlags`: the built CLI under other Node flags than the shebang's, for a baseline.
  const [command, commandArgs] = nodeFlags ? [process.execPath, [...nodeFlags, join(root, 'dist', 'bin.js'), ...argv]] : [bin, argv];
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, commandArgs, {
      env: { ...process.env, LANG: 'C', ...env, PATH, NODE_OPTIONS: `--import=${rssHook}`, HMCW_BENCH_RSS_FILE: rssFile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.stdin.end(stdin ?? '');
    child.on('close', (code) => {
      const ms = performance.now() - start;
      let rssKb = NaN;
      let maxRssKb = NaN;
      try { [rssKb, maxRssKb] = readFileSync(rssFile, 'utf8').split(' ').map(Number); rmSync(rssFile); } catch { /* killed */ }
      resolve({ code, stdout, stderr, ms, rssMb: rssKb / 1024, maxRssMb: maxRssKb / 1024 });
    });
  });
}

// PostgreSQL: the throw-away test cluster (scripts/postgres-test-cluster.sh), started here when
// HIMANAGER_CHATWORK_TEST_PG_URL is unset and PostgreSQL is installed, stopped at the end.
const postgres = { url: process.env.HIMANAGER_CHATWORK_TEST_PG_URL || undefined, startedDir: undefined, bin: undefined, skipped: undefined };
function ensurePostgres() {
  if (postgres.url || postgres.skipped) return postgres.url;
  const initdb = spawnSync('bash', ['-c', '{ ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null; command -v initdb; } | head -n 1'], { encoding: 'utf8' }).stdout.trim();
  if (!initdb && !process.env.PG_BIN) {
    postgres.skipped = 'PostgreSQL is not installed (apt-get install -y postgresql) and HIMANAGER_CHATWORK_TEST_PG_URL is unset';
    return undefined;
  }
  const started = spawnSync('bash', [join(root, 'scripts', 'postgres-test-cluster.sh'), 'start'], { encoding: 'utf8' });
  const value = (name) => started.stdout.match(new RegExp(`^export ${name}=(.*)$`, 'm'))?.[1];
  if (started.status !== 0 || !value('HIMANAGER_CHATWORK_TEST_PG_URL')) {
    postgres.skipped = `the test cluster did not start: ${started.stderr.trim().split('\n').pop()}`;
    return undefined;
  }
  postgres.url = value('HIMANAGER_CHATWORK_TEST_PG_URL');
  postgres.startedDir = value('HIMANAGER_CHATWORK_TEST_PG_DIR');
  postgres.bin = value('HIMANAGER_CHATWORK_TEST_PG_BIN');
  process.stderr.write(`  (started a throw-away PostgreSQL cluster on ${new URL(postgres.url).host})\n`);
  return postgres.url;
}
function stopPostgres() {
  if (!postgres.startedDir) return;
  spawnSync('bash', [join(root, 'scripts', 'postgres-test-cluster.sh'), 'stop', postgres.startedDir], {
    env: { ...process.env, HIMANAGER_CHATWORK_TEST_PG_BIN: postgres.bin ?? '' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  postgres.startedDir = undefined;
}
async function pgAdmin(url, fn) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}
/** A fresh, empty database on the test cluster (127.0.0.1 only) and a fresh state key: the env of a host sharing it. */
async function postgresStateEnv() {
  const url = ensurePostgres();
  if (!url) throw new Error(postgres.skipped);
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) throw new Error('the test cluster must be on 127.0.0.1');
  const name = `hmcw_bench_${randomBytes(6).toString('hex')}`;
  await pgAdmin(url, (client) => client.query(`CREATE DATABASE ${name}`));
  parsed.pathname = `/${name}`;
  return { HIMANAGER_CHATWORK_STATE: parsed.toString(), HIMANAGER_CHATWORK_STATE_KEY: randomBytes(32).toString('base64') };
}
async function dropDatabase(install) {
  const url = install.env.HIMANAGER_CHATWORK_STATE;
  if (!url || !postgres.url) return;
  const name = new URL(url).pathname.slice(1);
  await pgAdmin(postgres.url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
}
/** The backends to measure: PostgreSQL only when a cluster is there (else its rows say why they are missing). */
function backends(group) {
  if (ensurePostgres()) return ['sqlite', 'postgres'];
  if (!rows.some((r) => r.group === group && r.figure.startsWith('PostgreSQL'))) {
    record(group, 'PostgreSQL: skipped', 'skipped', '', undefined, '', postgres.skipped);
  }
  return ['sqlite'];
}

/** Opens the store an install's CLI runs use (state.db in its config dir, or its PostgreSQL database). */
async function withStore(install, fn) {
  const { openStore, resolveStoreLocation } = await import(join(root, 'dist', 'store', 'open.js'));
  const { systemClock } = await import(join(root, 'dist', 'io', 'clock.js'));
  const location = resolveStoreLocation(install.env.HIMANAGER_CHATWORK_STATE, install.configDir, 'HIMANAGER_CHATWORK_STATE');
  const { store } = await openStore(location, { clock: systemClock, configDir: install.configDir, stateKey: install.env.HIMANAGER_CHATWORK_STATE_KEY });
  try { return await fn(store); } finally { await store.close(); }
}

/**
 * A config dir logged in to the sandbox through the real OAuth flow, with every contact imported
 * and linked, set up through the store: state.db in the dir (secrets in the 0600 file), or a fresh
 * PostgreSQL database (secrets encrypted in it under the state key).
 */
async function installFor(sandbox, { reminders, perReminder = 1, backend = 'sqlite' }) {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-bench-'));
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const form = new URLSearchParams({ response_type: 'code', client_id: sandbox.client.clientId, redirect_uri: sandbox.client.redirectUri,
    scope: 'offline_access users.all:read rooms.all:read_write contacts.all:read_write', state: 's', code_challenge: challenge, code_challenge_method: 'S256', decision: 'allow' });
  const location = (await fetch(sandbox.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location');
  const code = new URL(location).searchParams.get('code');
  const token = await (await fetch(sandbox.tokenUrl, {
    method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${sandbox.client.clientId}:${sandbox.client.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: sandbox.client.redirectUri, code_verifier: verifier }),
  })).json();
  const now = Date.now();
  const tokens = JSON.stringify({ accessToken: token.access_token, refreshToken: token.refresh_token, expiresAt: now + Number(token.expires_in) * 1000, scope: token.scope.split(' '), obtainedAt: now });
  const env = { ...sandbox.env, ...(backend === 'postgres' ? await postgresStateEnv() : {}) };
  const state = sandbox.control.state;
  const contacts = [...state.contacts.get(state.operatorId)].map((id) => state.accounts.get(id));
  const users = contacts.map((c) => ({ id: `P${c.account_id}`, name: c.name, email: `p${c.account_id}@sample.co.jp`, accountId: c.account_id }));
  const install = { configDir, env, users, backend };
  const { DEFAULT_CALENDAR } = await import(join(root, 'dist', 'calendar', 'calendar.js'));
  await withStore(install, async (store) => {
    if (store.secrets) {
      await store.secrets.set('client-secret', sandbox.client.clientSecret);
      await store.secrets.set('tokens', tokens);
    } else {
      const { openFileStore } = await import(join(root, 'dist', 'store', 'secrets', 'file.js'));
      const secrets = openFileStore(configDir);
      await secrets.set('client-secret', sandbox.client.clientSecret);
      await secrets.set('tokens', tokens);
    }
    await store.config.update((s) => {
      s.clientId = sandbox.client.clientId;
      s.redirectUri = sandbox.client.redirectUri;
      s.account = { accountId: state.operatorId, name: 'HiManager通知', chatworkId: 'himanager_notify' };
      s.messageLang = 'ja';
      const calendar = s.calendar ?? DEFAULT_CALENDAR;
      s.calendar = { ...calendar, policy: { ...calendar.policy, survey: 'send' } };
    });
    await store.users.replaceAll(users.map(({ id, name, email }) => ({ id, name, email })));
    await store.links.set(new Map(users.map((u) => [u.id, { accountId: u.accountId, source: 'import', linkedAt: new Date(now).toISOString() }])));
    await store.destinations.set('survey', 'dm');
  });
  const count = Math.min(reminders, users.length);
  const list = Array.from({ length: Math.ceil(count / perReminder) }, (_, i) => ({
    id: `bench-${i}`, type: 'survey', title: `ベンチマーク ${i}`, due: '2026-12-04',
    to: users.slice(i * perReminder, Math.min(count, (i + 1) * perReminder)).map((u) => u.id),
  }));
  writeFileSync(join(configDir, 'reminders.json'), JSON.stringify(list), { mode: 0o600 });
  return { ...install, input: join(configDir, 'reminders.json') };
}

function ownDms(sandbox) {
  const state = sandbox.control.state;
  let delivered = 0;
  let duplicated = 0;
  for (const room of state.rooms.values()) {
    if (room.type !== 'direct') continue;
    const mine = room.messages.filter((m) => m.account.account_id === state.operatorId).length;
    delivered += mine;
    if (mine > 1) duplicated += mine - 1;
  }
  return { delivered, duplicated };
}

// 1. Cold start
async function coldStart() {
  process.stderr.write('1. cold start\n');
  const runs = quick ? 10 : 30;
  const time = (command, args) => {
    for (let i = 0; i < 3; i++) spawnSync(command, args, { env: { ...process.env, PATH } });
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      spawnSync(command, args, { env: { ...process.env, PATH } });
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const base = time(process.execPath, ['-e', '0']);
  record('cold start', 'node -e 0 (baseline)', median(base), 'ms', undefined, '', `spread ${spread(base)} ms`);
  for (const [label, args, target] of [['--version', ['--version'], 2.0], ['--help', ['--help'], 2.5], ['send-reminders --help', ['send-reminders', '--help'], 2.5]]) {
    const samples = time(bin, args);
    record('cold start', `himanager-chatwork ${label}`, median(samples), 'ms', median(base), `≤ ${target}×`, `spread ${spread(samples)} ms`);
  }
}

// 2. Delivery within scaled-down limits
async function delivery() {
  const total = quick ? 600 : 2000;
  const limit = { count: 300, windowMs: 10_000 };
  process.stderr.write(`2. delivery of ${total} DMs at ${limit.count} requests / ${limit.windowMs / 1000} s\n`);
  for (const backend of backends('delivery')) for (const competing of [false, true]) {
    const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(total * 1.03)), rateLimit: limit, roomPostLimit: { count: 10, windowMs: 333 } });
    const install = await installFor(sandbox, { reminders: total, perReminder: 50, backend });
    const { configDir, env, input } = install;
    sandbox.control.resetCounters();
    let stop = false;
    const competitorCalls = { ok: 0, limited: 0 };
    const competitor = competing ? (async () => {
      // Another cron job of the same account: it takes its third of each window as the window
      // opens (as ours does: both burst), then waits for the reset like a well-behaved client.
      const token = sandbox.control.mintToken().accessToken;
      const share = Math.floor(limit.count / 3);
      while (!stop) {
        let used = 0;
        let reset = 0;
        while (!stop && used < share) {
          const response = await fetch(`${sandbox.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
          if (!response) break;
          reset = Number(response.headers.get('x-ratelimit-reset')) * 1000;
          if (response.status === 429) { competitorCalls.limited += 1; break; }
          competitorCalls.ok += 1;
          used += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, reset - Date.now() + 5)));
      }
    })() : undefined;
    const spawnedAt = Date.now();
    const run = await cli(['send-reminders', '--input', input, '--json'], { env, configDir });
    stop = true;
    await competitor;
    if (!run.stdout.trim()) throw new Error(`send-reminders exited ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const stats = sandbox.control.stats();
    const requests = report.client.requests;
    const perWindow = competing ? limit.count * 2 / 3 : limit.count;
    // The floor: whole windows the budget forces us to wait, counted from the first request;
    // windows start on whole seconds, so the first one has already partly passed.
    const firstOffset = stats.firstRequestAt % 1000;
    const floorMs = (Math.ceil(requests / perWindow) - 1) * limit.windowMs - firstOffset;
    const { delivered, duplicated } = ownDms(sandbox);
    const label = `${backend === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${competing ? 'with a competing client using 1/3 of the budget' : 'as the only client'}`;
    record('delivery', `${total} DMs ${label}: wall time`, run.ms / 1000, 's', floorMs / 1000, competing ? 'reported' : '≤ 1.05×',
      `floor ${fmt(floorMs / 1000)} s; ${requests} requests; exit ${run.code}; start-up to the first request ${fmt((stats.firstRequestAt - spawnedAt) / 1000)} s, `
      + `first to last request ${fmt((stats.lastRequestAt - stats.firstRequestAt) / 1000)} s, last request to exit ${fmt((spawnedAt + run.ms - stats.lastRequestAt) / 1000)} s; `
      + `sandbox 429s: ${stats.status429} (of which per-room ${stats.roomPost429})${competing ? `; competitor: ${competitorCalls.ok} answered, ${competitorCalls.limited} limited` : ''}`);
    record('delivery', `${label}: 429 answers to us`, report.client.status429, '', undefined, competing ? 'waited out' : '0');
    record('delivery', `${label}: delivered / duplicated`, `${delivered} / ${duplicated}`, '', undefined, `${total} / 0`);
    await sandbox.stop();
    await dropDatabase(install);
    rmSync(install.configDir, { recursive: true, force: true });
  }
}

// 3. Scale: peak RSS and time of a dry run
async function scale() {
  const sizes = quick ? [1_000, 5_000] : [1_000, 10_000, 50_000];
  process.stderr.write(`3. send-reminders --dry-run at ${sizes.join(', ')} users, links and reminders\n`);
  const totals = { sqlite: [], postgres: [] };
  const kinds = backends('scale');
  for (const size of sizes) {
    const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(size * 1.03)) });
    for (const backend of kinds) {
      const name = backend === 'postgres' ? 'PostgreSQL' : 'SQLite';
      const install = await installFor(sandbox, { reminders: size, backend });
      const samples = [];
      const rss = [];
      const maxRss = [];
      // At 50,000, alternate with the shebang's flags before --optimize-for-size, for the ratio.
      const without = size === 50_000 ? { ms: [], rss: [] } : undefined;
      for (let i = 0; i < (size >= 50_000 ? 3 : 5); i++) {
        const run = await cli(['send-reminders', '--input', install.input, '--dry-run'], { env: install.env, configDir: install.configDir });
        if (run.code !== 0) throw new Error(run.stderr);
        samples.push(run.ms);
        rss.push(run.rssMb);
        maxRss.push(run.maxRssMb);
        if (!without) continue;
        const before = await cli(['send-reminders', '--input', install.input, '--dry-run'], { env: install.env, configDir: install.configDir, nodeFlags: WITHOUT_SIZE_FLAG });
        without.ms.push(before.ms);
        without.rss.push(before.rssMb);
      }
      if (without) {
        record('scale', `${name}: dry run, ${size}: peak RSS without --optimize-for-size`, Math.max(...without.rss), 'MB', undefined, 'baseline',
          `alternating with the runs above; node ${WITHOUT_SIZE_FLAG.join(' ')} dist/bin.js (spread ${spread(without.rss)} MB)`);
        record('scale', `${name}: dry run, ${size}: wall time with --optimize-for-size`, median(samples) / 1000, 's', median(without.ms) / 1000, 'reported',
          `the cost of the flag: baseline is the same runs without it (spread ${spread(without.ms.map((ms) => ms / 1000))} s)`);
      }
      totals[backend].push({ size, ms: median(samples) });
      record('scale', `${name}: dry run, ${size} of each: peak RSS`, Math.max(...rss), 'MB', undefined, size === 50_000 ? '< 200 MB' : 'reported',
        `highest of ${rss.length} runs (spread ${spread(rss)} MB); getrusage maxRSS, which also counts this process's pages at fork: ${fmt(Math.max(...maxRss))} MB`);
      record('scale', `${name}: dry run, ${size} of each: wall time`, median(samples) / 1000, 's', undefined, '', `spread ${spread(samples.map((s) => s / 1000))} s`);
      if (backend === 'sqlite' && (size === 1_000 || size === 10_000)) await linkAuto(sandbox, install, size);
      await dropDatabase(install);
      rmSync(install.configDir, { recursive: true, force: true });
    }
    await sandbox.stop();
  }
  // Linear means each further 1,000 costs the same: the marginal cost between sizes, against the first step.
  for (const backend of kinds) {
    let firstStep;
    const steps = totals[backend];
    for (let i = 1; i < steps.length; i++) {
      const perThousand = (steps[i].ms - steps[i - 1].ms) / ((steps[i].size - steps[i - 1].size) / 1000);
      const isFirst = firstStep === undefined;
      firstStep ??= perThousand;
      record('scale', `${backend === 'postgres' ? 'PostgreSQL' : 'SQLite'}: dry run, each 1,000 more from ${steps[i - 1].size} to ${steps[i].size}`, perThousand, 'ms',
        isFirst ? undefined : firstStep, isFirst ? 'baseline step' : 'linear: ≈ 1×');
    }
  }
}

// 5. link --auto --dry-run at 1k and 10k: quadratic would make 10× the people cost 100× the time
const linkTimes = [];
async function linkAuto(sandbox, install, size) {
  // Start from no links: the matcher has every user to place.
  const links = await withStore(install, async (store) => {
    const all = await store.links.all();
    await store.links.replace(new Map(), { prune: true });
    return all;
  });
  const samples = [];
  const without = [];
  for (let i = 0; i < 3; i++) {
    samples.push((await cli(['link', '--auto', '--dry-run', '--json'], { env: install.env, configDir: install.configDir })).ms);
    // CPU-bound, so it shows what --optimize-for-size costs in speed: the same runs without it, alternating.
    without.push((await cli(['link', '--auto', '--dry-run', '--json'], { env: install.env, configDir: install.configDir, nodeFlags: WITHOUT_SIZE_FLAG })).ms);
  }
  record('link --auto', `--dry-run, ${size} users and contacts: wall time with --optimize-for-size`, median(samples) / 1000, 's', median(without) / 1000, 'reported',
    `baseline: node ${WITHOUT_SIZE_FLAG.join(' ')} dist/bin.js, alternating (spread ${spread(without.map((ms) => ms / 1000))} s)`);
  await withStore(install, (store) => store.links.set(links));
  linkTimes.push({ size, ms: median(samples) });
  const [first] = linkTimes;
  record('link --auto', `--dry-run, ${size} users and contacts: wall time`, median(samples) / 1000, 's',
    size === first.size ? undefined : first.ms / 1000, size === first.size ? '' : `≪ ${(size / first.size) ** 2}× (quadratic)`, `spread ${spread(samples.map((s) => s / 1000))} s`);
}

// 4. doctor with 1,000 links
async function doctor() {
  process.stderr.write('4. doctor with 1,000 links\n');
  const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(1_030) });
  const install = await installFor(sandbox, { reminders: 0 });
  const samples = [];
  let calls;
  for (let i = 0; i < 5; i++) {
    const run = await cli(['doctor', '--json'], { env: install.env, configDir: install.configDir });
    samples.push(run.ms);
    calls = JSON.parse(run.stdout).apiCalls;
  }
  // The baseline is the CLI's own floor through commander, in the same harness: --help.
  const help = [];
  for (let i = 0; i < 5; i++) help.push((await cli(['--help'])).ms);
  record('doctor', `1,000+ links (${install.users.length}): wall time`, median(samples), 'ms', median(help), '< 2,000 ms', `spread ${spread(samples)} ms; baseline: --help in the same harness`);
  record('doctor', 'API calls', calls, '', undefined, 'a handful, not one per link');
  await sandbox.stop();
  rmSync(install.configDir, { recursive: true, force: true });
}

// 7. History: start-up cost of send-reminders --dry-run and doctor with years of history
const WEEK = 7 * 24 * 3600 * 1000;
/**
 * Synthetic history for `users`, as dump records, one week at a time going back from `end`: a
 * weekly update survey to everyone and, twelve weeks in 52, the monthly survey to everyone
 * (5,000 people: 320,000 deliveries a year), each with its run record. Weeks `from` to `to` - 1.
 */
function* historyWeek(users, week, end, seq) {
  const at = end - (week + 1) * WEEK;
  const runs = [{ id: `update-survey-w${week}`, type: 'update-survey', at }];
  if (Math.floor((week * 12) / 52) !== Math.floor(((week + 1) * 12) / 52)) runs.push({ id: `survey-m${Math.floor((week * 12) / 52)}`, type: 'survey', at: at + 3600_000 });
  for (const run of runs) {
    const hash = createHash('sha256').update(run.id).digest('hex');
    for (let i = 0; i < users.length; i++) {
      const user = users[i];
      const sentAt = run.at + i * 200;
      yield {
        kind: 'delivery', key: `${run.id}\u001f${user.id}`, reminderId: run.id, type: run.type, roomId: 10_000_000 + user.accountId,
        bodyHash: hash, intentAt: sentAt - 150, status: 'sent', messageId: String(seq.next++), how: 'posted', reason: null, at: sentAt,
        body: null, deferUntil: null, outbox: false, pairs: [[run.id, user.id]],
      };
    }
    yield { kind: 'run', at: run.at + users.length * 200, startedAt: run.at - 1000, delivered: users.length, failed: 0, skipped: 0, deferred: 0, exitCode: 0, inWindow: true };
  }
}

/** Writes weeks [from, to) through store.restore, one transaction per week: memory stays flat. */
async function generateHistory(install, users, from, to, end, seq) {
  const start = performance.now();
  let records = 0;
  let peakHeap = 0;
  await withStore(install, async (store) => {
    for (let week = from; week < to; week++) {
      records += await store.restore(historyWeek(users, week, end, seq));
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  });
  return { ms: performance.now() - start, records, how: 'store.restore, one transaction per week', peakHeapMb: peakHeap / 2 ** 20 };
}

/**
 * The same rows as store.restore writes for these records (src/store/sql/dump.ts), but a week's
 * deliveries in one multi-row statement per table: restore costs two round trips per delivery,
 * which on PostgreSQL makes 1.6 M deliveries take minutes.
 */
async function generateHistoryPg(install, users, from, to, end, seq) {
  const start = performance.now();
  let records = 0;
  let peakHeap = 0;
  await pgAdmin(install.env.HIMANAGER_CHATWORK_STATE, async (client) => {
    for (let week = from; week < to; week++) {
      const d = Array.from({ length: 14 }, () => []);
      const p = [[], [], []];
      await client.query('BEGIN');
      for (const r of historyWeek(users, week, end, seq)) {
        records += 1;
        if (r.kind === 'run') {
          await client.query('INSERT INTO runs (at, started_at, delivered, failed, skipped, deferred, exit_code, in_window) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [r.at, r.startedAt, r.delivered, r.failed, r.skipped, r.deferred, r.exitCode, r.inWindow ? 1 : 0]);
          continue;
        }
        [r.key, r.reminderId, r.type, r.roomId, r.bodyHash, r.intentAt, r.status, r.messageId, r.how, r.reason, r.at, r.body, r.deferUntil, r.outbox ? 1 : 0]
          .forEach((value, i) => d[i].push(value));
        for (const [reminderId, userId] of r.pairs) { p[0].push(reminderId); p[1].push(userId); p[2].push(r.key); }
      }
      await client.query(`INSERT INTO deliveries (key, reminder_id, type, room_id, body_hash, intent_at, status, message_id, how, reason, at, body, defer_until, outbox)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::text[], $13::bigint[], $14::int[])
        ON CONFLICT (key) DO NOTHING`, d);
      await client.query(`INSERT INTO delivery_pairs (reminder_id, user_id, delivery_key) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        ON CONFLICT (reminder_id, user_id) DO NOTHING`, p);
      await client.query('COMMIT');
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  });
  return { ms: performance.now() - start, records, how: 'multi-row INSERT … SELECT unnest(…), one transaction and one statement per table per week', peakHeapMb: peakHeap / 2 ** 20 };
}

async function history() {
  const people = quick ? 1_000 : 5_000;
  const runs = quick ? 3 : 7;
  const restoreWeeksPg = 4;
  process.stderr.write(`7. history: send-reminders --dry-run (one reminder) and doctor with 0, 1 and 5 years of history for ${people} people\n`);
  for (const backend of backends('history')) {
    const name = backend === 'postgres' ? 'PostgreSQL' : 'SQLite';
    const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(people * 1.03)) });
    // Two installs on one sandbox: one keeps an empty store, the other gets the history. Their runs
    // alternate, so the empty store's figure at each step is measured under the same load.
    const empty = await installFor(sandbox, { reminders: 1, backend });
    const install = await installFor(sandbox, { reminders: 1, backend });
    const users = install.users.slice(0, people);
    const seq = { next: 1_000_000_000 };
    const end = Date.now() - WEEK;
    const first = {};
    let weeks = 0;
    let sizeBefore = 0;
    for (const years of [0, 1, 5]) {
      if (years > 0) {
        const parts = [];
        if (backend === 'postgres') {
          // A few weeks through store.restore itself, for its rate; the rest in multi-row statements.
          if (weeks === 0) parts.push(await generateHistory(install, users, 0, restoreWeeksPg, end, seq));
          parts.push(await generateHistoryPg(install, users, Math.max(weeks, restoreWeeksPg), years * 52, end, seq));
          // What autovacuum does after a bulk load, done now so the planner has current statistics.
          await pgAdmin(install.env.HIMANAGER_CHATWORK_STATE, (client) => client.query('VACUUM ANALYZE'));
        } else {
          parts.push(await generateHistory(install, users, weeks, years * 52, end, seq));
        }
        weeks = years * 52;
        for (const part of parts) {
          record('history', `${name}: generate ${years === 1 ? 'year 1' : `years 2–${years}`}: ${part.how}`, part.ms / 1000, 's', undefined, 'reported',
            `${part.records} records, ${fmt(part.records / (part.ms / 1000))} records/s; generator heap peak ${fmt(part.peakHeapMb)} MB`);
        }
      }
      const info = await cli(['state', 'info', '--json'], { env: install.env, configDir: install.configDir });
      const stats = JSON.parse(info.stdout);
      if (backend === 'sqlite' && years === 1 && ensurePostgres()) await migrateToPostgres(install, stats);
      const label = years === 0 ? 'empty store' : `${years} year${years > 1 ? 's' : ''} (${stats.deliveries} deliveries)`;
      for (const [what, args] of [['send-reminders --dry-run, one reminder', ['send-reminders', '--input', install.input, '--dry-run']], ['doctor --json', ['doctor', '--json']]]) {
        const samples = { empty: { ms: [], rss: [] }, history: { ms: [], rss: [] } };
        let code;
        for (let i = -1; i < runs; i++) {
          for (const [which, target] of years ? [['empty', empty], ['history', install]] : [['history', install]]) {
            const run = await cli(args.map((a) => (a === install.input ? target.input : a)), { env: target.env, configDir: target.configDir });
            if (what.startsWith('send') && run.code !== 0) throw new Error(`${args.join(' ')} exited ${run.code}: ${run.stderr}`);
            if (i < 0) continue; // warm-up: page cache, connections
            if (which === 'history') code = run.code;
            samples[which].ms.push(run.ms);
            samples[which].rss.push(run.rssMb);
          }
        }
        const h = samples.history;
        if (years === 0) {
          first[what] = { ms: median(h.ms), rss: median(h.rss) };
          record('history', `${name}, empty store: ${what}: wall time`, median(h.ms), 'ms', undefined, 'baseline', `spread ${spread(h.ms)} ms; exit ${code}`);
          record('history', `${name}, empty store: ${what}: peak RSS`, median(h.rss), 'MB', undefined, 'baseline', `spread ${spread(h.rss)} MB`);
          continue;
        }
        const e = samples.empty;
        const target = years === 5 ? '≤ 1.2×' : 'reported';
        record('history', `${name}, ${label}: ${what}: wall time`, median(h.ms), 'ms', median(e.ms), target,
          `spread ${spread(h.ms)} ms; exit ${code}; baseline: the empty store in alternate runs (spread ${spread(e.ms)} ms; ${fmt(median(h.ms) / first[what].ms)}× the first empty-store figure)`);
        record('history', `${name}, ${label}: ${what}: peak RSS`, median(h.rss), 'MB', median(e.rss), target,
          `spread ${spread(h.rss)} MB; empty store alongside: spread ${spread(e.rss)} MB`);
      }
      record('history', `${name}, ${label}: database size`, stats.sizeBytes / 1e6, 'MB', undefined, 'reported',
        years ? `${fmt((stats.sizeBytes - sizeBefore) / 1e6 / years)} MB per year of history (state info --json${backend === 'postgres' ? ': pg_database_size' : ': state.db and its WAL'})` : 'state info --json');
      if (years === 0) sizeBefore = stats.sizeBytes;
    }
    await sandbox.stop();
    for (const each of [empty, install]) {
      await dropDatabase(each);
      rmSync(each.configDir, { recursive: true, force: true });
    }
  }
}

// `state migrate` from the SQLite store with a year of history to an empty PostgreSQL database:
// what moving from a laptop to a shared server costs, per delivery.
async function migrateToPostgres(install, stats) {
  const target = await postgresStateEnv();
  const run = await cli(['state', 'migrate', '--to', target.HIMANAGER_CHATWORK_STATE],
    { env: { ...install.env, HIMANAGER_CHATWORK_STATE_KEY: target.HIMANAGER_CHATWORK_STATE_KEY }, configDir: install.configDir });
  await dropDatabase({ env: target });
  if (run.code !== 0) throw new Error(`state migrate exited ${run.code}: ${run.stderr}`);
  const perSecond = stats.deliveries / (run.ms / 1000);
  record('history', `state migrate SQLite → PostgreSQL, 1 year (${stats.deliveries} deliveries, ${stats.users} users)`, run.ms / 1000, 's', undefined, 'reported',
    `${fmt(perSecond)} deliveries/s: 5 years (1.6 M) would take about ${fmt(1_600_000 / perSecond / 60)} min; peak RSS ${fmt(run.rssMb)} MB`);
}

// The sections run when this file is the script; imported, it only lends its helpers (installFor, cli).
export { cli, installFor, withStore, startSandbox, ensurePostgres, stopPostgres };
// 7. users sync of an HR export with 1 % changes against users import of the whole file
/** A users export of `size` people; `changed` makes about 1 %: 0.4 % renamed, 0.3 % gone, 0.3 % new. */
function usersExport(size, changed) {
  const rows = ['社員番号,氏名,フリガナ,メールアドレス,部署,在籍状況'];
  for (let i = 0; i < size; i++) {
    if (changed && i % 1000 < 3) continue;
    const renamed = changed && i % 1000 >= 3 && i % 1000 < 7;
    rows.push(`E${i},${renamed ? '改名' : '社員'} ${i},シャイン ${i},e${i}@sample.co.jp,部署${i % 40},在籍`);
  }
  if (changed) for (let i = 0; i < Math.round(size * 0.003); i++) rows.push(`N${i},新人 ${i},シンジン ${i},n${i}@sample.co.jp,部署${i % 40},在籍`);
  return `${rows.join('\r\n')}\r\n`;
}
async function usersSync() {
  const size = quick ? 5_000 : 50_000;
  process.stderr.write(`7. users sync of ${size} people with 1 % changes, against users import of the whole file\n`);
  const dir = mkdtempSync(join(tmpdir(), 'hmcw-bench-sync-'));
  const whole = join(dir, 'export.csv');
  const later = join(dir, 'export-later.csv');
  writeFileSync(whole, usersExport(size, false));
  writeFileSync(later, usersExport(size, true));
  for (const backend of backends('usersSync')) {
    const name = backend === 'postgres' ? 'PostgreSQL' : 'SQLite';
    const imports = [];
    const syncs = [];
    const rss = [];
    for (let i = 0; i < 3; i++) {
      const install = { configDir: mkdtempSync(join(tmpdir(), 'hmcw-bench-')), env: backend === 'postgres' ? await postgresStateEnv() : {} };
      const imported = await cli(['users', 'import', whole, '--json'], { env: install.env, configDir: install.configDir });
      if (imported.code !== 0) throw new Error(imported.stderr);
      const synced = await cli(['users', 'sync', '--input', later, '--json'], { env: install.env, configDir: install.configDir });
      if (synced.code !== 0) throw new Error(synced.stderr);
      const counts = JSON.parse(synced.stdout).counts;
      if (counts.retired === 0 || counts.added === 0 || counts.changed === 0) throw new Error(`users sync changed nothing: ${synced.stdout.slice(0, 400)}`);
      imports.push(imported.ms);
      syncs.push(synced.ms);
      rss.push(synced.rssMb);
      await dropDatabase(install);
      rmSync(install.configDir, { recursive: true, force: true });
    }
    record('usersSync', `${name}: users import of ${size} people into an empty directory`, median(imports) / 1000, 's', undefined, 'baseline', `spread ${spread(imports.map((ms) => ms / 1000))} s`);
    record('usersSync', `${name}: users sync of the same ${size} with 1 % changes`, median(syncs) / 1000, 's', median(imports) / 1000, size === 50_000 ? '≤ 2×' : 'reported',
      `added, renamed and retired about 0.3 %, 0.4 %, 0.3 %; spread ${spread(syncs.map((ms) => ms / 1000))} s`);
    record('usersSync', `${name}: users sync of ${size}: peak RSS`, Math.max(...rss), 'MB', undefined, size === 50_000 ? '≤ 200 MB' : 'reported', `highest of ${rss.length} runs`);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

async function main() {
  const started = Date.now();
  // The machine is shared: the load average before, between and after the sections goes in the results.
  const load = [];
  const noteLoad = (at) => load.push({ at, loadavg: loadavg().map((n) => Number(n.toFixed(2))) });
  const sections = { cold: coldStart, delivery, doctor, scale, history, matching: async () => (await import('./bench-matching.mjs')).matching(root, record),
    runs: async () => (await import('./bench-runs.mjs')).runsAndPings({ root, record, cli, installFor, withStore, startSandbox, generatedContacts, median, spread, fmt, quick }), usersSync,
    digest: async () => (await import('./bench-digest.mjs')).digestBench({ record, cli, installFor, withStore, startSandbox, generatedContacts, fmt, quick }),
    console: async () => (await import('./bench-console.mjs')).consoleBench({ root, record, installFor, withStore, startSandbox, median, spread, quick }) };
  const only = process.env.BENCH_ONLY;
  if (only && !(only in sections)) throw new Error(`BENCH_ONLY=${only}: one of ${Object.keys(sections).join(', ')}`);
  noteLoad('start');
  try {
    for (const [name, run] of Object.entries(sections)) {
      if (only && only !== name) continue;
      await run();
      noteLoad(`after ${name}`);
    }
  } finally {
    stopPostgres();
  }

  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, load };
  const table = formatTable(['GROUP', 'FIGURE', 'VALUE', 'BASELINE', 'RATIO', 'TARGET', 'NOTE'], rows.map((r) => [
    r.group, r.figure, `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`, r.baseline === undefined ? '' : fmt(r.baseline), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target, r.note,
  ]));
  process.stdout.write(`\n${table.join('\n')}\n\nmachine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}; load average (1, 5, 15 min) ${load.map((l) => `${l.at}: ${l.loadavg.join(' ')}`).join('; ')}; ${quick ? 'quick' : 'full'} run took ${Math.round((Date.now() - started) / 1000)} s\n`);
  mkdirSync(join(root, 'bench'), { recursive: true });
  // Only a full run of every part replaces bench/results.json, the figures docs/performance.md
  // quotes, and writes them into its table (scripts/bench-table.mjs).
  writeFileSync(join(root, 'bench', quick || only ? `results-${only ?? 'all'}${quick ? '-quick' : ''}.json` : 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2)}\n`);
  if (!quick && !only) spawnSync(process.execPath, [join(root, 'scripts', 'bench-table.mjs')], { stdio: 'inherit' });
}
