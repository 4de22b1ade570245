// The console's 紐付け page: its first render on the server at 5,000 and 50,000 people (the
// server's own time for GET /links, from its --verbose log line), and how long filtering takes
// in Chromium at 5,000 (from the input event to the list drawn), against a baseline of the assets at a git ref.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export async function consoleBench({ root, record, installFor, withStore, startSandbox, median, spread, quick }) {
  const sizes = quick ? [5_000] : [5_000, 50_000];
  const { generateLabelledPeople } = await import(join(root, 'test', 'generators', 'people.ts'));
  for (const size of sizes) {
    process.stderr.write(`console: the 紐付け page at ${size} people\n`);
    const people = generateLabelledPeople(size, 42);
    // The generator's own organisation (1) is the sandbox account's (9001): trusted, as a company's.
    const contacts = people.contacts.map((c) => ({ ...c, organization_id: c.organization_id === 1 ? 9_001 : c.organization_id }));
    const sandbox = await startSandbox({ seed: 'empty', contacts, rateLimit: { count: 1_000_000, windowMs: 10_000 } });
    const install = await installFor(sandbox, { reminders: 0 });
    await withStore(install, async (store) => {
      await store.links.replace(new Map(), { prune: true });
      await store.users.replaceAll(people.users);
    });
    const started = Date.now();
    const server = await startConsoleProcess(root, install);
    try {
      // The match of every person is made once at start, in the background (the page's warm-up).
      const ready = Number((await server.until((text) => /console: ready (\d+)ms/.exec(text)))[1]);
      record('console', `紐付け warm-up at start, ${size} people (match of everyone)`, ready, 'ms', undefined, 'reported', `console started and ready ${Date.now() - started} ms after spawn`);
      const renders = [];
      for (let i = 0; i < (quick ? 3 : 6); i++) renders.push(await serverMs(server, '/links'));
      record('console', `紐付け first render, ${size} people (server)`, renders[0], 'ms', undefined, size === 5_000 ? '≤ 300 ms' : 'usable',
        `later renders: median ${median(renders.slice(1))} ms, spread ${spread(renders.slice(1))} ms; one page of ${Math.min(size, 1000)} of ${size} people`);
      if (size === 5_000) await filtering(server, record, median, spread);
    } finally {
      server.child.kill('SIGINT');
      await server.exited;
      await sandbox.stop();
      rmSync(install.configDir, { recursive: true, force: true });
    }
  }
}

/** `console --no-open --verbose` as a user runs it; its URL from the 0600 file it names; the key exchanged for the cookie. */
async function startConsoleProcess(root, install) {
  const child = spawn(process.execPath, [join(root, 'bin', 'himanager-chatwork.js'), '--config-dir', install.configDir, '--secret-store', 'file', '--verbose', 'console', '--no-open'],
    { env: { ...process.env, ...install.env, LANG: 'ja_JP.UTF-8' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiters = [];
  child.stderr.on('data', (chunk) => { stderr += chunk; for (const w of waiters.splice(0)) w(); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const until = async (test) => { for (;;) { const found = test(stderr); if (found) return found; await new Promise((resolve) => waiters.push(resolve)); } };
  const file = (await until((text) => /(\/\S*hmcw-console-[^/\s]+\/url)/.exec(text)))[1];
  const tokenUrl = readFileSync(file, 'utf8').trim();
  const answer = await fetch(tokenUrl, { redirect: 'manual' });
  const cookie = answer.headers.get('set-cookie').split(';')[0];
  return { child, exited, origin: new URL(tokenUrl).origin, cookie, until, stderr: () => stderr };
}

/** The server's own time for one GET, from its verbose line `console: GET <path> 200 <n>ms`. */
async function serverMs(server, path) {
  const before = server.stderr().length;
  const page = await fetch(server.origin + path, { headers: { cookie: server.cookie } });
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  await page.text();
  const line = await server.until((text) => new RegExp(`console: GET ${path.replace(/[?]/g, '\\?')} 200 (\\d+)ms`).exec(text.slice(before)));
  return Number(line[1]);
}

/**
 * In Chromium: type into the search box and time it from the input event to the list drawn: the
 * script's 'filtered' event (whatever its debounce), then the next animation frame and a task
 * after it, which run only once the frame that drew the change has been styled, laid out and
 * painted. The same queries, page and server, measured twice in one run: with the console's
 * assets as they were at BENCH_CONSOLE_BASELINE (a git ref, default main; served in their place
 * by the browser, same URL, same CSP) and with the assets of this checkout.
 */
async function filtering(server, record, median, spread) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const [name, value] = server.cookie.split('=');
    await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    const ref = process.env.BENCH_CONSOLE_BASELINE ?? 'main';
    const before = await typing(await context.newPage(), server, baselineAssets(ref));
    const after = await typing(await context.newPage(), server, undefined);
    record('console', `紐付け filtering as you type in Chromium (the page of 1000 of 5000), assets of ${ref}`, median(before), 'ms', undefined, 'baseline', `${before.length} searches typed; spread ${spread(before)} ms; max ${Math.max(...before).toFixed(0)} ms`);
    record('console', '紐付け filtering as you type in Chromium (the page of 1000 of 5000)', median(after), 'ms', median(before), '≤ 100 ms', `${after.length} searches typed (name, reading, department, e-mail, id); spread ${spread(after)} ms; max ${Math.max(...after).toFixed(0)} ms`);
    // A search of everyone (Enter): the server filters all 5,000 and draws the matches.
    const page = await context.newPage();
    await page.goto(`${server.origin}/links`);
    const searches = [];
    for (const query of ['佐藤', '営業部', 'u0004', '田中']) {
      await page.fill('#q', query);
      const start = Date.now();
      await Promise.all([page.waitForEvent('framenavigated'), page.press('#q', 'Enter')]);
      await page.waitForLoadState('domcontentloaded');
      searches.push(Date.now() - start);
    }
    record('console', '紐付け search of all 5000 in Chromium (Enter to the list drawn)', median(searches), 'ms', undefined, 'reported', `${searches.length} searches; spread ${spread(searches)} ms`);
  } finally {
    await browser.close();
  }
}

/** The console's script and stylesheet as they were at a git ref. */
function baselineAssets(ref) {
  const show = (file) => execFileSync('git', ['show', `${ref}:assets/console/${file}`], { encoding: 'utf8' });
  return { '/assets/console.js': show('console.js'), '/assets/console.css': show('console.css') };
}

/** Types the queries three times into a fresh /links (with `assets` served in place of the server's) and returns each one's milliseconds. */
async function typing(page, server, assets) {
  if (assets) {
    await page.route((url) => url.pathname in assets, (route) => route.fulfill({ status: 200,
      contentType: route.request().url().endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body: assets[new URL(route.request().url()).pathname] }));
  }
  await page.goto(`${server.origin}/links`);
  await page.waitForLoadState('load');
  const queries = ['佐藤', '営業部', 'u0001', 'さとう', '', '田中 開発', 'sample.co.jp', ''];
  const times = [];
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      times.push(await page.evaluate(async (q) => {
        const input = document.querySelector('#q');
        const list = document.querySelector('#people');
        const filtered = new Promise((resolve) => list.addEventListener('filtered', resolve, { once: true }));
        const drawn = () => new Promise((resolve) => requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(0);
        }));
        const start = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await filtered;
        await drawn();
        return performance.now() - start;
      }, query));
    }
  }
  await page.close();
  return times;
}
