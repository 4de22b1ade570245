import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { CONSOLE_PAGES } from '../../console/pages/index.js';
import { osUser } from '../../io/os-user.js';
import { startConsoleServer } from '../../console/server.js';

/** commander gives `open: false` for --no-open. */
export interface ConsoleOptions { port?: string; open?: boolean; idleMs?: number }

const IDLE_MS = 60 * 60 * 1000;

/** `console`: the settings pages on 127.0.0.1 until Ctrl-C or an idle hour. */
export async function run(options: ConsoleOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const port = parsePort(options.port);
  // The store is opened (and migrated) before anything is served: a broken one fails here, plainly.
  // Every change made through the pages is audited as this OS user, from the console.
  (await deps.stores.state()).audit.actAs({ who: osUser(), where: 'console' });
  const server = await startConsoleServer({ deps, pages: CONSOLE_PAGES, port, idleMs: options.idleMs ?? IDLE_MS }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError('console.portInUse', { port });
    throw error;
  });
  const url = `http://127.0.0.1:${server.port}/?token=${server.token}`;
  let urlFile: string | undefined;
  // The key goes to a person's terminal only; anywhere else (a log, a pipe) to a file only its owner reads.
  if (io.stdoutIsTTY) {
    io.out(t('console.openThis'));
    io.out(url);
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-console-'));
    urlFile = join(dir, 'url');
    await writeFile(urlFile, `${url}\n`, { mode: 0o600 });
    await chmod(urlFile, 0o600);
    io.err(t('console.urlInFile', { path: urlFile }));
  }
  io.registerSecret(server.token);
  io.err(t('console.listening', { port: server.port }));
  if (options.open === false) io.err(t('console.sshForward', { port: server.port, host: hostname() }));
  else if (!await deps.browser.open(url)) io.err(t('console.noBrowser'));
  const stopListening = io.onInterrupt(() => void server.close());
  const how = await server.stopped;
  stopListening();
  if (urlFile) await rm(join(urlFile, '..'), { recursive: true, force: true });
  io.err(t(how === 'idle' ? 'console.idleStopped' : 'console.stopped'));
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('console.badPort', { value });
  return port;
}
