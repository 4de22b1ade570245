import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { parseLimit, type Limit } from '../sandbox/limits.js';

export interface SandboxOptions {
  port?: string;
  seed?: string;
  rateLimit?: string;
  roomPostLimit?: string;
}

/** Runs the local Chatwork emulator until Ctrl-C. Nothing here touches the real Chatwork. */
export async function run(options: SandboxOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const port = parsePort(options.port);
  const seed = options.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new UsageError('sandbox.badSeed', { value: seed });
  const rateLimit = limitOption('--rate-limit', options.rateLimit);
  const roomPostLimit = limitOption('--room-post-limit', options.roomPostLimit);
  const { startSandbox } = await import('../sandbox/server.js');
  const sandbox = await startSandbox({ port, seed, rateLimit, roomPostLimit }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError('sandbox.portBusy', { port });
    throw error;
  });
  // The demo client's secret is a secret like any other: it goes to a 0600 file, not the terminal.
  const dir = join(tmpdir(), `himanager-chatwork-sandbox-${new URL(sandbox.url).port}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const secretFile = join(dir, 'client-secret');
  await writeFile(secretFile, `${sandbox.client.clientSecret}\n`, { mode: 0o600 });
  io.registerSecret(sandbox.client.clientSecret);

  io.err(t('sandbox.started', { url: sandbox.url }));
  io.err(t('sandbox.page', { url: `${sandbox.url}/` }));
  io.err(t('sandbox.client', { clientId: sandbox.client.clientId, redirectUri: sandbox.client.redirectUri, secretFile }));
  io.err(t('sandbox.envIntro'));
  for (const [name, value] of Object.entries(sandbox.env)) io.out(`export ${name}=${value}`);
  io.err(t('sandbox.stop'));
  await new Promise<void>((resolve) => io.onInterrupt(resolve));
  await sandbox.stop();
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
