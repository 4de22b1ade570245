import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/console/command/run.js';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { UsageError } from '../../src/errors/index.js';

interface Made { deps: Deps; opened: string[]; out: () => string; err: () => string; signals: EventEmitter }

/** Real deps on a fresh config dir; only the browser is a recorder, and Ctrl-C an emitter. */
async function makeDeps(tty: boolean, browserWorks = true): Promise<Made> {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-console-run-'));
  const env = resolveEnvironment({ configDir, secretStore: 'file', lang: 'en' }, { ...process.env, HIMANAGER_CHATWORK_STATE: '' });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (tty) Object.assign(stdout, { isTTY: true });
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += c; });
  stderr.on('data', (c) => { err += c; });
  const signals = new EventEmitter();
  const opened: string[] = [];
  const browser = { open: (url: string) => { opened.push(url); return Promise.resolve(browserWorks); } };
  const deps = await createDeps(env, { streams: { stdin, stdout, stderr, signals: signals as never }, command: 'console', overrides: { browser } });
  return { deps, opened, out: () => out, err: () => err, signals };
}

describe('console run(options, deps)', () => {
  it('on a terminal: prints the key URL to stdout, opens it in the browser, stops on Ctrl-C', async () => {
    const m = await makeDeps(true);
    const running = run({}, m.deps);
    await new Promise<void>((resolve) => { const check = () => (m.opened.length ? resolve() : setImmediate(check)); check(); });
    const url = m.opened[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(m.out()).toContain(url);
    expect(m.err()).not.toContain(new URL(url).searchParams.get('token'));
    m.signals.emit('SIGINT');
    await running;
    expect(m.err()).toContain('The settings page has stopped.');
    await m.deps.stores.close();
  });

  it('off a terminal: the URL goes to a 0600 file whose path is printed, never to stdout; --no-open prints the ssh -L line; an idle console stops itself', async () => {
    const m = await makeDeps(false);
    const result = run({ open: false, idleMs: 200 }, m.deps);
    await result;
    const path = /(\/\S*hmcw-console-[^/\s]+\/url)/.exec(m.err())![1]!;
    expect(m.out()).toBe('');
    expect(m.opened).toEqual([]);
    expect(m.err()).toMatch(/ssh -L (\d+):127\.0\.0\.1:\1 /);
    expect(m.err()).toContain('The settings page stopped after an hour without use.');
    // The file is removed once the console stops: the key is dead anyway.
    expect(() => statSync(path)).toThrow();
    await m.deps.stores.close();
  });

  it('writes the file only its owner can read', async () => {
    const m = await makeDeps(false);
    const running = run({ open: false }, m.deps);
    const path = await new Promise<string>((resolve) => {
      const check = () => { const found = /(\/\S*hmcw-console-[^/\s]+\/url)/.exec(m.err()); if (found) resolve(found[1]!); else setImmediate(check); };
      check();
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}\n$/);
    m.signals.emit('SIGINT');
    await running;
    await m.deps.stores.close();
  });

  it('says so when no browser could be opened', async () => {
    const m = await makeDeps(true, false);
    const running = run({ idleMs: 100 }, m.deps);
    await running;
    expect(m.err()).toContain('No browser could be opened');
    await m.deps.stores.close();
  });

  it('refuses a port that is not one (exit 2), and a port in use with a clear message', async () => {
    const m = await makeDeps(false);
    for (const bad of ['0', '65536', 'abc', '-1', '80a']) await expect(run({ port: bad }, m.deps)).rejects.toThrow(UsageError);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    await expect(run({ port: String(port) }, m.deps)).rejects.toMatchObject({ key: 'console.portInUse' });
    taken.close();
    await m.deps.stores.close();
  });
});
