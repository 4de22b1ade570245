// npm run bench [-- --quick]: the speed and memory figures of the README, each a median over
// repeated runs with its spread, and a ratio to a baseline measured in the same run.
// Everything runs against the sandbox on 127.0.0.1; nothing here asserts, it measures.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'himanager-chatwork.js');
const quick = process.argv.includes('--quick');
const { startSandbox } = await import(join(root, 'dist', 'sandbox', 'server.js'));
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
// Peak RSS comes from the process itself, written at exit by a hook loaded through NODE_OPTIONS.
const rssHook = join(mkdtempSync(join(tmpdir(), 'hmcw-bench-hook-')), 'rss-hook.mjs');
writeFileSync(rssHook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.HMCW_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");

/** Runs the real binary; resolves with its exit code, output, wall time and peak RSS. */
function cli(args, { env = {}, configDir, stdin } = {}) {
  const rssFile = join(tmpdir(), `hmcw-rss-${randomBytes(4).toString('hex')}`);
  const argv = [...(configDir ? ['--config-dir', configDir, '--secret-store', 'file'] : []), ...args];
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(bin, argv, {
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
      try { rssKb = Number(readFileSync(rssFile, 'utf8')); } catch { /* killed */ }
      resolve({ code, stdout, stderr, ms, rssMb: rssKb / 1024 });
    });
  });
}

/** A config dir logged in to the sandbox through the real OAuth flow, with every contact imported and linked. */
async function installFor(sandbox, { reminders, perReminder = 1 }) {
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
  writeFileSync(join(configDir, 'secrets.json'), JSON.stringify({
    'client-secret': sandbox.client.clientSecret,
    tokens: JSON.stringify({ accessToken: token.access_token, refreshToken: token.refresh_token, expiresAt: now + Number(token.expires_in) * 1000, scope: token.scope.split(' '), obtainedAt: now }),
  }), { mode: 0o600 });
  const state = sandbox.control.state;
  const contacts = [...state.contacts.get(state.operatorId)].map((id) => state.accounts.get(id));
  const users = contacts.map((c) => ({ id: `P${c.account_id}`, name: c.name, email: `p${c.account_id}@sample.co.jp`, accountId: c.account_id }));
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({
    schemaVersion: 1, clientId: sandbox.client.clientId, redirectUri: sandbox.client.redirectUri,
    account: { accountId: state.operatorId, name: 'HiManager通知', chatworkId: 'himanager_notify' },
    users: [], links: {}, destinations: {}, templates: {}, messageLang: 'ja',
  }), { mode: 0o600 });
  const env = sandbox.env;
  writeFileSync(join(configDir, 'users.csv'), ['id,name,email', ...users.map((u) => `${u.id},${u.name},${u.email}`)].join('\n'));
  writeFileSync(join(configDir, 'links.csv'), ['user_id,account_id', ...users.map((u) => `${u.id},${u.accountId}`)].join('\n'));
  for (const args of [['users', 'import', join(configDir, 'users.csv')], ['links', 'import', join(configDir, 'links.csv')],
    ['destinations', 'set', 'survey', 'dm'], ['calendar', 'set', 'policy.survey', 'send']]) {
    const result = await cli(args, { env, configDir });
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  }
  const count = Math.min(reminders, users.length);
  const list = Array.from({ length: Math.ceil(count / perReminder) }, (_, i) => ({
    id: `bench-${i}`, type: 'survey', title: `ベンチマーク ${i}`, due: '2026-12-04',
    to: users.slice(i * perReminder, Math.min(count, (i + 1) * perReminder)).map((u) => u.id),
  }));
  writeFileSync(join(configDir, 'reminders.json'), JSON.stringify(list));
  return { configDir, env, users, input: join(configDir, 'reminders.json') };
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
  for (const competing of [false, true]) {
    const sandbox = await startSandbox({ seed: 'empty', people: Math.ceil(total * 1.03), rateLimit: limit, roomPostLimit: { count: 10, windowMs: 333 } });
    const { configDir, env, input } = await installFor(sandbox, { reminders: total, perReminder: 50 });
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
    const label = competing ? 'with a competing client using 1/3 of the budget' : 'as the only client';
    record('delivery', `${total} DMs ${label}: wall time`, run.ms / 1000, 's', floorMs / 1000, competing ? 'reported' : '≤ 1.05×',
      `floor ${fmt(floorMs / 1000)} s; ${requests} requests; exit ${run.code}${competing ? `; competitor: ${competitorCalls.ok} answered, ${competitorCalls.limited} limited` : ''}`);
    record('delivery', `${label}: 429 answers to us`, report.client.status429, '', undefined, competing ? 'waited out' : '0');
    record('delivery', `${label}: delivered / duplicated`, `${delivered} / ${duplicated}`, '', undefined, `${total} / 0`);
    await sandbox.stop();
  }
}

// 3. Scale: peak RSS and time of a dry run
async function scale() {
  const sizes = quick ? [1_000, 5_000] : [1_000, 10_000, 50_000];
  process.stderr.write(`3. send-reminders --dry-run at ${sizes.join(', ')} users, links and reminders\n`);
  const totals = [];
  for (const size of sizes) {
    const sandbox = await startSandbox({ seed: 'empty', people: Math.ceil(size * 1.03) });
    const install = await installFor(sandbox, { reminders: size });
    const samples = [];
    const rss = [];
    for (let i = 0; i < (size >= 50_000 ? 2 : 3); i++) {
      const run = await cli(['send-reminders', '--input', install.input, '--dry-run'], { env: install.env, configDir: install.configDir });
      if (run.code !== 0) throw new Error(run.stderr);
      samples.push(run.ms);
      rss.push(run.rssMb);
    }
    totals.push({ size, ms: median(samples) });
    record('scale', `dry run, ${size} of each: peak RSS`, Math.max(...rss), 'MB', undefined, size === 10_000 ? '< 200 MB' : 'reported');
    record('scale', `dry run, ${size} of each: wall time`, median(samples) / 1000, 's', undefined, '', `spread ${spread(samples.map((s) => s / 1000))} s`);
    if (size === 1_000 || size === 10_000) await linkAuto(sandbox, install, size);
    await sandbox.stop();
  }
  // Linear means each further 1,000 costs the same: the marginal cost between sizes, against the first step.
  let firstStep;
  for (let i = 1; i < totals.length; i++) {
    const perThousand = (totals[i].ms - totals[i - 1].ms) / ((totals[i].size - totals[i - 1].size) / 1000);
    const isFirst = firstStep === undefined;
    firstStep ??= perThousand;
    record('scale', `dry run, each 1,000 more from ${totals[i - 1].size} to ${totals[i].size}`, perThousand, 'ms',
      isFirst ? undefined : firstStep, isFirst ? 'baseline step' : 'linear: ≈ 1×');
  }
}

// 5. link --auto --dry-run at 1k and 10k: quadratic would make 10× the people cost 100× the time
const linkTimes = [];
async function linkAuto(sandbox, install, size) {
  // Start from no links: the matcher has every user to place.
  const settingsPath = join(install.configDir, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8'));
  writeFileSync(settingsPath, JSON.stringify({ ...settings, links: {} }), { mode: 0o600 });
  const samples = [];
  for (let i = 0; i < 3; i++) samples.push((await cli(['link', '--auto', '--dry-run', '--json'], { env: install.env, configDir: install.configDir })).ms);
  writeFileSync(settingsPath, JSON.stringify(settings), { mode: 0o600 });
  linkTimes.push({ size, ms: median(samples) });
  const [first] = linkTimes;
  record('link --auto', `--dry-run, ${size} users and contacts: wall time`, median(samples) / 1000, 's',
    size === first.size ? undefined : first.ms / 1000, size === first.size ? '' : `≪ ${(size / first.size) ** 2}× (quadratic)`, `spread ${spread(samples.map((s) => s / 1000))} s`);
}

// 4. doctor with 1,000 links
async function doctor() {
  process.stderr.write('4. doctor with 1,000 links\n');
  const sandbox = await startSandbox({ seed: 'empty', people: 1_030 });
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
}

const started = Date.now();
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === "cold") await coldStart();
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === "delivery") await delivery();
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === "doctor") await doctor();
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === "scale") await scale();
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === "matching") await (await import('./bench-matching.mjs')).matching(root, record);

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
const table = formatTable(['GROUP', 'FIGURE', 'VALUE', 'BASELINE', 'RATIO', 'TARGET', 'NOTE'], rows.map((r) => [
  r.group, r.figure, `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`, r.baseline === undefined ? '' : fmt(r.baseline), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target, r.note,
]));
process.stdout.write(`\n${table.join('\n')}\n\nmachine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}; ${quick ? 'quick' : 'full'} run took ${Math.round((Date.now() - started) / 1000)} s\n`);
mkdirSync(join(root, 'bench'), { recursive: true });
// Only a full run of every part replaces bench/results.json, the figures the README quotes.
const only = process.env.BENCH_ONLY;
writeFileSync(join(root, 'bench', quick || only ? `results-${only ?? 'all'}${quick ? '-quick' : ''}.json` : 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2)}\n`);
