import { createHash } from 'node:crypto';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import { CONFIG_KEYS } from '../../domain.js';
import { configSchema } from '../config-schema.js';
import { dumpRecord, type DumpRecord } from '../dump-format.js';
import { unsafePart } from '../dump-fields.js';
import type { Store } from '../store.js';
import { replayLegacyLedger } from './ledger-replay.js';

const LEGACY_SETTINGS = 'settings.json';
const LEGACY_LEDGER = 'ledger.jsonl';
/** A settings row the config schema ignores: which files were imported, so a retry never imports twice. */
const MARKER = 'legacyImport';

/**
 * The first start of this version on a config dir of the previous one: settings.json and
 * ledger.jsonl go into the store in ONE transaction (an interrupted import changes nothing
 * and runs again next start), then the files are renamed to a dated backup.
 */
export interface LegacyImportReport { users: number; links: number; deliveries: number; tornLines: number; backup: string[] }

export async function importLegacyFiles(store: Store, configDir: string, clock: Clock): Promise<LegacyImportReport | undefined> {
  const settingsPath = join(configDir, LEGACY_SETTINGS);
  const ledgerPath = join(configDir, LEGACY_LEDGER);
  const present = (await Promise.all([settingsPath, ledgerPath].map(async (path) => (await exists(path)) ? path : undefined))).filter((p): p is string => !!p);
  if (present.length === 0) return undefined;
  const fingerprint = await fingerprintOf(present);
  const already = await importedFingerprint(store);
  let report: LegacyImportReport = { users: 0, links: 0, deliveries: 0, tornLines: 0, backup: [] };
  if (already !== fingerprint) {
    const stats = await store.stats();
    if (stats.users + stats.links + stats.deliveries > 0 && already === undefined) throw new CliError('state.legacyNotEmpty', { location: store.info.location, dir: configDir });
    const settings = present.includes(settingsPath) ? settingsRecords(settingsPath, await readFile(settingsPath, 'utf8')) : [];
    const ledger = present.includes(ledgerPath) ? await replayLegacyLedger(ledgerPath) : { records: [], tornLines: 0 };
    // What the ledger replays is held to the dump's rules too: a NUL or a fraction would break the store later.
    for (const record of ledger.records) {
      const parsed = dumpRecord.safeParse(record);
      const unsafe = unsafePart(record);
      const issue = unsafe ?? (parsed.success ? undefined : { path: parsed.error.issues[0]!.path as (string | number)[], reason: parsed.error.issues[0]!.message });
      if (issue) {
        const which = record.kind === 'delivery' ? ` ${JSON.stringify(record.key)}` : '';
        throw new CliError('state.legacyBadFile', { path: ledgerPath, reason: `${record.kind}${which}: ${issue.path.join('.')}: ${issue.reason}` });
      }
    }
    const records: DumpRecord[] = [...settings, ...ledger.records, { kind: 'setting', key: MARKER, value: fingerprint }];
    await store.restore(records, { trustAccount: true });
    report = {
      users: settings.filter((r) => r.kind === 'user').length, links: settings.filter((r) => r.kind === 'link').length,
      deliveries: ledger.records.filter((r) => r.kind === 'delivery').length, tornLines: ledger.tornLines, backup: [],
    };
  }
  const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  for (const path of present) {
    const backup = `${path}.before-${stamp}`;
    await rename(path, backup);
    report.backup.push(backup);
  }
  return report;
}

async function importedFingerprint(store: Store): Promise<string | undefined> {
  for await (const record of store.exportRecords()) {
    if (record.kind === 'setting' && record.key === MARKER) return String(record.value);
    if (record.kind !== 'setting') return undefined;
  }
  return undefined;
}

function settingsRecords(path: string, text: string): DumpRecord[] {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
  } catch (error) {
    throw new CliError('state.legacyBadFile', { path, reason: error instanceof Error ? error.message : String(error) });
  }
  const records: unknown[] = [];
  const config = configSchema.safeParse(Object.fromEntries(CONFIG_KEYS.map((key) => [key, raw[key]])));
  if (!config.success) {
    const issue = config.error.issues[0]!;
    throw new CliError('state.legacyBadFile', { path, reason: `${issue.path.join('.')}: ${issue.message}` });
  }
  for (const key of CONFIG_KEYS) {
    if (raw[key] !== undefined) records.push({ kind: 'setting', key, value: raw[key] });
  }
  for (const user of (raw.users as unknown[] | undefined) ?? []) records.push({ kind: 'user', ...(user as object) });
  for (const [userId, link] of Object.entries((raw.links as Record<string, object> | undefined) ?? {})) {
    records.push({ kind: 'link', userId, source: 'manual', linkedAt: '', ...link });
  }
  for (const [type, destination] of Object.entries((raw.destinations as Record<string, string> | undefined) ?? {})) records.push({ kind: 'destination', type, destination });
  return records.map((record, index) => {
    const parsed = dumpRecord.safeParse(record);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new CliError('state.legacyBadFile', { path, reason: `${(record as { kind: string }).kind} ${index + 1}: ${issue.path.join('.')}: ${issue.message}` });
  });
}

async function fingerprintOf(paths: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) {
    const info = await stat(path);
    hash.update(`${path}\0${info.size}\0${info.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 24);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
