import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSystemError, FileSystemError } from '../../errors/index.js';
import { backendName } from '../../i18n/backend-names.js';
import { isSupportedNode } from '../../node-check.js';
import { fail, ok, warn, type Check } from './finding.js';

/** This machine: the Node.js version, the config dir (private, readable, writable) and the state store. */
export const RUNTIME_CHECKS: Check[] = [
  {
    id: 'node', area: 'runtime', async run() {
      return isSupportedNode(process.versions.node) ? ok('doctor.node.ok', { version: process.versions.node })
        : fail('doctor.node.old', { version: process.versions.node }, 'doctor.fix.node');
    },
  },
  {
    id: 'config-dir', area: 'runtime', async run(ctx) {
      const dir = ctx.deps.env.configDir;
      const info = await stat(dir).catch(() => undefined);
      // With the state in PostgreSQL, setup is not what this host needs: only its own directory.
      if (!info) return warn('doctor.config.missing', { dir }, ctx.deps.env.state.backend === 'postgres' ? 'doctor.fix.configDirShared' : 'doctor.fix.setup', { dir });
      const open = [];
      for (const name of await readdir(dir)) {
        const file = await stat(join(dir, name));
        if (file.isFile() && (file.mode & 0o077) !== 0) open.push(`${name} (${(file.mode & 0o777).toString(8)})`);
      }
      if (open.length) return fail('doctor.config.modes', { files: open.join(', ') }, 'doctor.fix.chmod', { dir });
      await ctx.settings();
      return ok('doctor.config.ok', { dir });
    },
  },
  {
    // Readable is not enough: every command that changes state writes here, cron's runs included.
    id: 'config-writable', area: 'runtime', async run(ctx) {
      const dir = ctx.deps.env.configDir;
      if (!await stat(dir).catch(() => undefined)) return [];
      const probe = join(dir, `.doctor-probe.${process.pid}.${randomBytes(4).toString('hex')}`);
      try {
        const handle = await open(probe, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o600);
        try {
          await handle.write('probe\n');
          await handle.sync();
        } finally {
          await handle.close();
          await unlink(probe).catch(() => {});
        }
      } catch (error) {
        const mapped = fileSystemError(error, dir);
        if (mapped instanceof FileSystemError && mapped.hint) return { status: 'fail', finding: { key: mapped.key, params: mapped.params }, remedy: mapped.hint };
        throw error;
      }
      return ok('doctor.config.writable', { dir });
    },
  },
  {
    id: 'state', area: 'runtime', async run(ctx) {
      const store = await ctx.store();
      await store.probeWrite();
      return ok('doctor.state.ok', { backend: backendName(ctx.deps.t, store.info.backend), location: store.info.location, version: store.info.schemaVersion });
    },
  },
];
