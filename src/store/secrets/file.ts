import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, fileSystemError } from '../../errors/index.js';
import { prepareAtomicWrite, writeFileAtomic } from '../atomic-file.js';
import { PROBE_VALUE, type SecretName, type SecretStore } from './secret-store.js';

export const SECRET_FILE = 'secrets.json';
/** Room for what a token response may add: a new pair is a few hundred bytes. */
const RESERVE_BYTES = 16 * 1024;

/** Opt-in: a 0600 JSON file, written atomically. Plain text on disk, and said so. */
export function openFileStore(configDir: string): SecretStore {
  const path = join(configDir, SECRET_FILE);
  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      const info = await stat(path);
      if ((info.mode & 0o077) !== 0) {
        throw new CliError('secrets.fileMode', { path, mode: (info.mode & 0o777).toString(8) });
      }
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw fileSystemError(error, path);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
    } catch {
      // reported below
    }
    throw new CliError('secrets.fileCorrupt', { path });
  };
  const save = (data: Record<string, string>) => writeFileAtomic(path, JSON.stringify(data, null, 2) + '\n', 0o600);
  const store: SecretStore = {
    backend: 'file',
    location: path,
    async get(name) {
      return (await load())[name];
    },
    async set(name, value) {
      const data = await load();
      data[name] = value;
      await save(data);
    },
    async delete(name) {
      const data = await load();
      if (!(name in data)) return;
      delete data[name];
      await save(data);
    },
    async prepare(name) {
      const size = JSON.stringify(await load(), null, 2).length;
      const prepared = await prepareAtomicWrite(path, 0o600, size + RESERVE_BYTES);
      return {
        abandon: prepared.abandon,
        async commit(value) {
          // Read again under the caller's lock: the client secret may have changed meanwhile.
          const data = await load().catch(async (error: unknown) => { await prepared.abandon(); throw error; });
          data[name] = value;
          await prepared.commit(JSON.stringify(data, null, 2) + '\n');
        },
      };
    },
    async probe() {
      // Reading proves the file is ours and well-formed; a write proves the directory is writable.
      const data = await load();
      const canary = 'probe' as SecretName;
      await store.set(canary, PROBE_VALUE);
      await save(data);
    },
  };
  return store;
}
