import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UsageError, unreadableFile } from '../errors/index.js';

/**
 * How much one input (a file, a URL's body, stdin, a dump) may hold. Every input is read
 * whole into memory and parsed, so an input without a bound (a runaway export, a wrong file,
 * a 600 MB line) would grow the process until the machine kills it. The bound is counted
 * while reading: memory never grows past it, whatever the input's size.
 */
export const DEFAULT_MAX_INPUT_BYTES = 256_000_000;
/** Text becomes one string: V8 cannot hold a longer one (2^29 - 24 characters). */
export const MAX_TEXT_BYTES = 512_000_000;
const MAX_INPUT_ENV = 'HIMANAGER_CHATWORK_MAX_INPUT_SIZE';

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `512MB`, `1.5GB`, `300000` (bytes), `64MiB`; MB is 1,000,000 bytes, MiB 1,048,576. */
function parseSize(value: string, source: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1) throw new UsageError('inputs.badSize', { source, value });
  return bytes;
}

/** --max-input-size, else HIMANAGER_CHATWORK_MAX_INPUT_SIZE, else 256 MB. */
export function maxInputBytes(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return parseSize(flag, '--max-input-size');
  const fromEnv = env[MAX_INPUT_ENV];
  return fromEnv ? parseSize(fromEnv, MAX_INPUT_ENV) : DEFAULT_MAX_INPUT_BYTES;
}

/** `256 MB`, as people read a size (and as parseSize reads it back). */
function formatSize(bytes: number): string {
  if (bytes >= 1e9 && bytes % 1e7 === 0) return `${bytes / 1e9} GB`;
  if (bytes >= 1e6 && bytes % 1e4 === 0) return `${bytes / 1e6} MB`;
  if (bytes >= 1e3 && bytes % 10 === 0) return `${bytes / 1e3} KB`;
  return `${bytes} B`;
}

export const tooLarge = (name: string, limit: number) => new UsageError('inputs.tooLarge', { name, limit: formatSize(limit) });

/**
 * The chunks of a stream, refused as soon as they pass `limit` bytes: the rest is never read
 * (`stop` lets the source go: the body's connection is closed, the file's handle released).
 */
export async function readLimited(chunks: AsyncIterable<Uint8Array | string>, name: string, limit: number, stop?: () => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += bytes.length;
    if (total > limit) {
      parts.length = 0;
      stop?.();
      throw tooLarge(name, limit);
    }
    parts.push(bytes);
  }
  return Buffer.concat(parts, total);
}

/** A file whole, within `limit`: a regular file's size is known before a byte is read. */
export async function readFileLimited(path: string, limit: number, name = path): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > limit) throw tooLarge(name, limit);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadableFile(path, error);
  }
  const stream = createReadStream(path);
  try {
    return await readLimited(stream, name, limit, () => stream.destroy());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadableFile(path, error);
  } finally {
    stream.destroy();
  }
}
