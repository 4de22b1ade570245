import { constants } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { parseLimit, type Limit } from '#sandbox/limits.js';

export interface SandboxOptions {
  port?: string;
  seed?: string;
  rateLimit?: string;
  roomPostLimit?: string;
  /** A GET of the consent URL approves at once: `auth login` rehearsed on a machine with no browser. */
  autoConsent?: boolean;
}

/** Runs the local Chatwork emulator until Ctrl-C. Nothing here touches the real Chatwork. */
export async function run(options: SandboxOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const port = parsePort(options.port);
  const seed = options.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty' && seed !== 'hostile') throw new UsageError('sandbox.badSeedName', { value: seed });
  const rateLimit = limitOption('--rate-limit', options.rateLimit);
  const roomPostLimit = limitOption('--room-post-limit', options.roomPostLimit);
  const { startSandbox } = await import('#sandbox/server.js');
  const sandbox = await startSandbox({ port, seed, rateLimit, roomPostLimit, autoConsent: options.autoConsent === true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError('sandbox.portBusy', { port });
    throw error;
  });
  // The demo client's secret is a secret like any other: it goes to a 0600 file, not the terminal.
  // A fresh private directory (mkdtemp, 0700), never a predictable path in the shared /tmp
  // where someone else could have planted a symlink; the file is created, never opened.
  const dir = await mkdtemp(join(tmpdir(), 'himanager-chatwork-sandbox-'));
  const secretFile = join(dir, 'client-secret');
  const handle = await open(secretFile, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    await handle.writeFile(`${sandbox.client.clientSecret}\n`);
  } finally {
    await handle.close();
  }
  io.registerSecret(sandbox.client.clientSecret);

  io.err(t('sandbox.started', { url: sandbox.url }));
  io.err(t('sandbox.page', { url: `${sandbox.url}/` }));
  io.err(t('sandbox.client', { clientId: sandbox.client.clientId, redirectUri: sandbox.client.redirectUri, secretFile }));
  if (options.autoConsent) io.err(t('sandbox.autoConsent'));
  io.err(t('sandbox.envIntro'));
  for (const [name, value] of Object.entries(sandbox.env)) io.out(`export ${name}=${value}`);
  io.err(t('sandbox.stop'));
  await new Promise<void>((resolve) => io.onInterrupt(resolve));
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
  io.err(t('sandbox.stopped'));
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('sandbox.badPort', { value: text });
  return port;
}

function limitOption(flag: string, text: string | undefined): Limit | undefined {
  if (text === undefined) return undefined;
  const limit = parseLimit(text);
  if (!limit) throw new UsageError('sandbox.badLimit', { flag, value: text });
  return limit;
}
