import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { BIN } from '../helpers/run-cli.js';
import { systemFile } from '../helpers/system.js';

/**
 * Every input has a size limit, counted while it is read: a 600 MB input (file, URL, stdin,
 * dump) is refused with the limit named, and the process never holds more than the limit.
 * The built CLI runs in its own process under /usr/bin/time, which reports its peak RSS.
 */

const MB = 1_000_000;
const HUGE = 600 * MB;
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const scratch = () => mkdtempSync(join(tmpdir(), 'hmcw-limits-'));

/** A 600 MB file that takes no disk: a hole. */
function sparseFile(dir: string, name: string): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, HUGE);
  closeSync(fd);
  return path;
}

interface Run { code: number; stderr: string; maxRssMb: number }

/** The built CLI under /usr/bin/time; `feed` writes its stdin (a stream of any length). */
function runMeasured(argv: string[], env: NodeJS.ProcessEnv = {}, feed?: (stdin: NodeJS.WritableStream) => void): Promise<Run> {
  const dir = scratch();
  const rssFile = join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...argv], {
      env: { ...process.env, LANG: 'en_US.UTF-8', HIMANAGER_CHATWORK_CONFIG_DIR: join(dir, 'config'), HIMANAGER_CHATWORK_SECRET_STORE: 'file', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.resume();
    child.stdin.on('error', () => {}); // the CLI stops reading at the limit: EPIPE here is expected
    if (feed) feed(child.stdin);
    else child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr, maxRssMb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 }));
  });
}

/** Writes `total` bytes of CSV-looking text in 1 MB chunks, as fast as the reader takes them; resolves with what was taken. */
function stream600(out: NodeJS.WritableStream, total = HUGE): Promise<number> {
  const chunk = Buffer.alloc(MB, 'a,');
  let sent = 0;
  return new Promise((resolve) => {
    const more = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!out.write(chunk)) { out.once('drain', more); return; }
      }
      out.end();
      resolve(sent);
    };
    out.on('error', () => resolve(sent));
    out.on('close', () => resolve(sent));
    more();
  });
}

const gnuTime = systemFile('/usr/bin/time', 'GNU time (/usr/bin/time)', 'time');

describe.skipIf(!gnuTime.available)(`a size limit on every input, enforced while reading${gnuTime.available ? '' : ` (${gnuTime.reason})`}`, () => {
  it('a 600 MB body from a URL (chunked, no length given) is refused at the default 256 MB, and the rest is never read', async () => {
    let sent: Promise<number> = Promise.resolve(0);
    server = createServer((_req, res) => { res.setHeader('content-type', 'text/csv'); sent = stream600(res); });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/export.csv`;
    const run = await runMeasured(['send-reminders', '--input', url]);
    expect(run.code, run.stderr).toBe(ExitCode.usage);
    expect(run.stderr).toContain(`${url} is larger than 256 MB, the most one input may hold`);
    expect(run.stderr).toContain('--max-input-size');
    expect(run.stderr).not.toMatch(/unexpected error/i);
    // The connection was dropped well before the end: the body was not read to its 600 MB.
    expect(await sent).toBeLessThan(HUGE);
    // Before the limit this grew to 3.7 GB; now it holds at most the limit and the runtime.
    expect(run.maxRssMb).toBeLessThan(256 + 200);
  }, 120_000);

  it('a URL that declares 600 MB is refused before its body is read', async () => {
    let sent: Promise<number> = Promise.resolve(0);
    server = createServer((_req, res) => { res.setHeader('content-length', String(HUGE)); sent = stream600(res); });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/export.json`;
    const run = await runMeasured(['send-reminders', '--input', url, '--max-input-size', '10MB']);
    expect(run.code, run.stderr).toBe(ExitCode.usage);
    expect(run.stderr).toContain(`${url} is larger than 10 MB`);
    expect(await sent).toBeLessThan(HUGE);
    expect(run.maxRssMb).toBeLessThan(150);
  }, 60_000);

  it('600 MB on stdin is refused at the limit, read no further, and memory stays low', async () => {
    let sent: Promise<number> = Promise.resolve(0);
    const run = await runMeasured(['send-reminders', '--input', '-', '--max-input-size', '32MB'], {}, (stdin) => { sent = stream600(stdin); });
    expect(run.code, run.stderr).toBe(ExitCode.usage);
    expect(run.stderr).toContain('<stdin> is larger than 32 MB');
    expect(await sent).toBeLessThan(HUGE);
    expect(run.maxRssMb).toBeLessThan(32 + 150);
  }, 60_000);

  it.each([
    ['send-reminders --input', (file: string) => ['send-reminders', '--input', file]],
    ['users import', (file: string) => ['users', 'import', file]],
    ['links import', (file: string) => ['links', 'import', file]],
    ['templates set --file', (file: string) => ['templates', 'set', 'survey', '--file', file]],
    ['state import', (file: string) => ['state', 'import', file, '--max-input-size', '20MB']],
  ])('%s: a 600 MB file is refused naming the file and the limit, without reading it into memory', async (_name, argv) => {
    const file = sparseFile(scratch(), 'huge.csv');
    const run = await runMeasured(argv(file));
    expect(run.code, run.stderr).toBe(ExitCode.usage);
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[/.]/g, '\\$&')} is larger than (256|20) MB`));
    expect(run.maxRssMb).toBeLessThan(150);
  }, 60_000);

  it('the limit comes from --max-input-size, else HIMANAGER_CHATWORK_MAX_INPUT_SIZE; a size that is not one is exit 2 naming where it came from', async () => {
    const dir = scratch();
    const file = join(dir, 'users.csv');
    writeFileSync(file, `ユーザーID,氏名,メールアドレス\n${Array.from({ length: 100 }, (_, i) => `E${i},社員 ${i},e${i}@example.com`).join('\n')}\n`);
    const env = { HIMANAGER_CHATWORK_MAX_INPUT_SIZE: '1KB' };
    const small = await runMeasured(['users', 'import', file], env);
    expect(small.code).toBe(ExitCode.usage);
    expect(small.stderr).toContain(`${file} is larger than 1 KB`);
    expect((await runMeasured(['users', 'import', file, '--max-input-size', '1MiB'], env)).code).toBe(0);
    const badFlag = await runMeasured(['users', 'import', file, '--max-input-size', '12XB']);
    expect(badFlag.code).toBe(ExitCode.usage);
    expect(badFlag.stderr).toContain('--max-input-size "12XB" is not a size');
    const badEnv = await runMeasured(['users', 'import', file], { HIMANAGER_CHATWORK_MAX_INPUT_SIZE: 'lots' });
    expect(badEnv.code).toBe(ExitCode.usage);
    expect(badEnv.stderr).toContain('HIMANAGER_CHATWORK_MAX_INPUT_SIZE "lots" is not a size');
  }, 60_000);
});
