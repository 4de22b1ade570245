import { backendName, secretLocation } from '../i18n/backend-names.js';
import type { MessageKey } from '../i18n/catalog.js';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { REQUIRED_SCOPE_NAMES } from '../chatwork/scopes.js';
import { readStoredTokens } from '../chatwork/tokens.js';
import { DEFAULT_URLS } from '../env.js';
import { AuthError, CliError, fileSystemError, FileSystemError, SecretStoreError, type Message } from '../errors.js';
import { linkReport } from '../linking/link-state.js';
import { calendarOf } from '../calendar/calendar.js';
import { NOTIFICATION_TYPES } from '../domain.js';
import type { DoctorContext } from './context.js';
import { INVITE_CHECKS } from './checks-invite.js';
import { ADMIN_CHECKS } from './checks-admin.js';

export type Status = 'ok' | 'warn' | 'fail';
export type Area = 'runtime' | 'secrets' | 'auth' | 'rateLimit' | 'links' | 'destinations' | 'delivery' | 'sandbox';

export interface Finding { status: Status; finding: Message; remedy?: Message }
export interface Check { id: string; area: Area; run(ctx: DoctorContext): Promise<Finding | Finding[]> }

const ok = (key: Message['key'], params?: Message['params']): Finding => ({ status: 'ok', finding: { key, params } });
const warn = (key: Message['key'], params: Message['params'], remedy: Message['key'], remedyParams?: Message['params']): Finding =>
  ({ status: 'warn', finding: { key, params }, remedy: { key: remedy, params: remedyParams } });
const fail = (key: Message['key'], params: Message['params'], remedy: Message['key'], remedyParams?: Message['params']): Finding =>
  ({ status: 'fail', finding: { key, params }, remedy: { key: remedy, params: remedyParams } });

/** Turns what a lookup threw into a finding: a locked keychain, a rejected token and a missing secret are different problems. */
export function findingFor(error: unknown): Finding {
  if (error instanceof SecretStoreError) {
    return fail(`doctor.secrets.${error.problem}` as Message['key'], { detail: String(error.params.detail ?? error.params.seconds ?? '') }, 'doctor.fix.fileBackend');
  }
  if (error instanceof AuthError) return fail('doctor.auth.failed', { detail: error.message }, 'doctor.fix.login');
  // An error the admin can act on keeps its own words and remedy, in the admin's language.
  const mapped = fileSystemError(error);
  if (mapped instanceof CliError) return { status: 'fail', finding: { key: mapped.key, params: mapped.params }, remedy: mapped.hint ?? { key: 'doctor.fix.verbose' } };
  return fail('doctor.lookupFailed', { detail: error instanceof Error ? error.message : String(error) }, 'doctor.fix.verbose');
}

/** Past these, doctor suggests `history prune`: the keys stay, bodies and details go. */
const LARGE_HISTORY = 2_000_000;
const LARGE_STORE_BYTES = 1_000_000_000;

export const CHECKS: Check[] = [
  {
    id: 'node', area: 'runtime', async run() {
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const supported = (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 26;
      return supported ? ok('doctor.node.ok', { version: process.versions.node })
        : fail('doctor.node.old', { version: process.versions.node }, 'doctor.fix.node');
    },
  },
  {
    id: 'config-dir', area: 'runtime', async run(ctx) {
      const dir = ctx.deps.env.configDir;
      const info = await stat(dir).catch(() => undefined);
      if (!info) return warn('doctor.config.missing', { dir }, 'doctor.fix.setup');
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
  {
    id: 'secret-store', area: 'secrets', async run(ctx) {
      const store = await ctx.secrets();
      const [clientSecret, tokens] = await Promise.all([ctx.clientSecret(), ctx.tokens()]);
      const found: Finding[] = [ok('doctor.secrets.backend', { backend: backendName(ctx.deps.t, store.backend), location: secretLocation(ctx.deps.t, store.backend, store.location) })];
      if (!clientSecret) found.push(fail('doctor.secrets.noClientSecret', {}, 'doctor.fix.login'));
      if (!tokens) found.push(fail('doctor.secrets.noRefreshToken', {}, 'doctor.fix.login'));
      return found;
    },
  },
  {
    id: 'auth', area: 'auth', async run(ctx) {
      const settings = await ctx.settings();
      if (!settings.clientId) return fail('doctor.auth.noClient', {}, 'doctor.fix.setup');
      await ctx.refreshed();
      const me = await ctx.me();
      // Read again: the refresh just saved what Chatwork granted.
      const scopes = (await readStoredTokens(await ctx.secrets()))?.scope ?? [];
      const lacking = REQUIRED_SCOPE_NAMES.filter((scope) => !scopes.includes(scope));
      const found: Finding[] = [ok('doctor.auth.ok', { name: me.name, accountId: me.account_id })];
      found.push(lacking.length ? fail('doctor.auth.scopes', { scopes: lacking.join(', ') }, 'doctor.fix.scopes')
        : ok('doctor.auth.scopesOk', { scopes: scopes.join(' ') }));
      const skew = (await ctx.api()).clockSkewMs();
      if (skew !== undefined) {
        const seconds = Math.round(skew / 1000);
        found.push(Math.abs(seconds) > 300 ? fail('doctor.auth.clock', { seconds }, 'doctor.fix.clock')
          : Math.abs(seconds) > 60 ? warn('doctor.auth.clock', { seconds }, 'doctor.fix.clock') : ok('doctor.auth.clockOk', { seconds: Math.abs(seconds) }));
      }
      return found;
    },
  },
  {
    id: 'rate-limit', area: 'rateLimit', async run(ctx) {
      await ctx.me();
      const limits = (await ctx.api()).rateLimit();
      if (limits.remaining === undefined) return ok('doctor.rate.unknown');
      const reset = limits.resetAt ?? '-';
      return limits.remaining < (limits.limit ?? 300) / 10
        ? warn('doctor.rate.low', { remaining: limits.remaining, limit: limits.limit ?? '?', reset }, 'doctor.fix.rate')
        : ok('doctor.rate.ok', { remaining: limits.remaining, limit: limits.limit ?? '?', reset });
    },
  },
  {
    id: 'links', area: 'links', async run(ctx) {
      const [settings, contacts] = await Promise.all([ctx.settings(), ctx.contacts()]);
      if (settings.users.length === 0) return warn('doctor.links.noUsers', {}, 'doctor.fix.usersImport');
      const report = linkReport(settings, contacts);
      const sample = (ids: string[]) => ids.slice(0, 5).join(', ') + (ids.length > 5 ? ' …' : '');
      const found: Finding[] = [];
      const ok_ = report.links.filter((l) => l.state === 'ok').length;
      found.push(ok('doctor.links.ok', { ok: ok_, users: settings.users.length }));
      if (report.unlinked.length) found.push(warn('doctor.links.unlinked', { count: report.unlinked.length, sample: sample(report.unlinked.map((u) => u.id)) }, 'doctor.fix.unlinked'));
      const gone = report.links.filter((l) => l.state === 'contact-gone').map((l) => l.userId);
      if (gone.length) found.push(warn('doctor.links.contactGone', { count: gone.length, sample: sample(gone) }, 'doctor.fix.contactGone', { user: gone[0]! }));
      const left = report.links.filter((l) => l.state === 'user-gone').map((l) => l.userId);
      if (left.length) found.push(warn('doctor.links.userGone', { count: left.length, sample: sample(left) }, 'doctor.fix.unlink', { user: left[0]! }));
      for (const twice of report.linkedTwice) found.push(fail('doctor.links.twice', { accountId: twice.accountId, users: twice.userIds.join(', ') }, 'doctor.fix.unlink', { user: twice.userIds[1]! }));
      return found;
    },
  },
  {
    id: 'destinations', area: 'destinations', async run(ctx) {
      const settings = await ctx.settings();
      const found: Finding[] = [];
      const needsRooms = NOTIFICATION_TYPES.some((type) => settings.destinations[type]?.startsWith('room:'));
      const rooms = needsRooms ? await ctx.rooms() : [];
      const linked = Object.keys(settings.links).length;
      for (const type of NOTIFICATION_TYPES) {
        const destination = settings.destinations[type];
        // The type as the admin reads it (称賛), not its id (praise); the fix keeps the id to type.
        const name = ctx.deps.t(`type.${type}` as MessageKey);
        const params = { type: name };
        if (!destination) found.push(warn('doctor.dest.unset', params, 'doctor.fix.destination', { type }));
        else if (destination === 'off') found.push(ok('doctor.dest.off', params));
        else if (destination === 'dm') {
          found.push(linked ? ok('doctor.dest.dm', { type: name, linked }) : warn('doctor.dest.dmNobody', params, 'doctor.fix.linkAuto'));
        } else {
          const roomId = Number(destination.slice('room:'.length));
          const room = rooms.find((r) => r.room_id === roomId);
          if (!room) found.push(fail('doctor.dest.roomGone', { type: name, roomId }, 'doctor.fix.destination', { type }));
          else if (room.role === 'readonly') found.push(fail('doctor.dest.readonly', { type: name, roomId, name: room.name }, 'doctor.fix.readonly', { type, name: room.name }));
          else found.push(ok('doctor.dest.room', { type: name, roomId, name: room.name }));
        }
      }
      return found;
    },
  },
  {
    id: 'ledger', area: 'delivery', async run(ctx) {
      const store = await ctx.store();
      const [stats, runs] = await Promise.all([store.stats(), store.deliveries.recentRuns(1)]);
      const found: Finding[] = [ok('doctor.ledger.ok', { path: store.info.location, sent: stats.deliveries })];
      if (stats.inFlight) found.push(warn('doctor.ledger.inFlight', { count: stats.inFlight }, 'doctor.fix.rerun'));
      if (stats.deliveries > LARGE_HISTORY || stats.sizeBytes > LARGE_STORE_BYTES) {
        found.push(warn('doctor.history.large', { deliveries: stats.deliveries, megabytes: Math.round(stats.sizeBytes / 1e6) }, 'doctor.fix.prune'));
      }
      const last = runs.at(-1);
      if (!last) found.push(ok('doctor.run.never'));
      else {
        const params = { at: last.at, delivered: last.delivered, failed: last.failed, skipped: last.skipped, code: last.exitCode };
        found.push(last.exitCode === 0 ? ok('doctor.run.ok', params) : warn('doctor.run.partial', params, 'doctor.fix.lastRun'));
      }
      return found;
    },
  },
  {
    id: 'send-window', area: 'delivery', async run(ctx) {
      const store = await ctx.store();
      const [outbox, runs, settings] = await Promise.all([store.deliveries.outbox(), store.deliveries.recentRuns(10), ctx.settings()]);
      const { loadHolidays, inWindow } = await import('../calendar/calendar.js');
      const calendar = calendarOf(settings);
      const holidays = await loadHolidays();
      const now = ctx.deps.clock.now();
      const overdue = outbox.filter((entry) => entry.deferred && entry.deferred.until < now - 3_600_000);
      const defers = NOTIFICATION_TYPES.some((type) => calendar.policy[type] === 'defer');
      const alwaysOutside = defers && runs.length >= 2 && runs.every((run) => !inWindow(run.startedAt, calendar, holidays));
      if (overdue.length || alwaysOutside) {
        // Nothing waiting yet: the schedule is still wrong, but no count of 0 to alarm anyone.
        return warn(outbox.length ? 'doctor.window.outside' : 'doctor.window.outsideNone', { runs: runs.length, deferred: outbox.length, window: `${calendar.window.start}-${calendar.window.end} ${calendar.timeZone}` },
          'doctor.fix.cronWindow', { start: Number(calendar.window.start.slice(0, 2)) });
      }
      return ok('doctor.window.ok', { deferred: outbox.length });
    },
  },
  {
    id: 'lock', area: 'delivery', async run(ctx) {
      const holder = await (await ctx.store()).locks.runHolder();
      if (!holder) return ok('doctor.lock.none');
      const params = { host: holder.owner.host, pid: holder.owner.pid, since: holder.owner.since };
      if (holder.stale) return warn('doctor.lock.stale', params, 'doctor.fix.staleLock');
      return ok('doctor.lock.running', params);
    },
  },
  {
    id: 'sandbox', area: 'sandbox', async run(ctx) {
      const env = ctx.deps.env;
      const custom = (['apiUrl', 'authorizeUrl', 'tokenUrl'] as const).filter((key) => env[key] !== DEFAULT_URLS[key]);
      return custom.length ? warn('doctor.sandbox.custom', { url: env.apiUrl }, 'doctor.fix.sandbox') : ok('doctor.sandbox.real');
    },
  },
  ...INVITE_CHECKS,
  ...ADMIN_CHECKS,
];
