import { UsageError } from '../../errors/index.js';

/** ISO 8601 with a date, a time and an offset (Z or ±hh:mm): an instant, never a local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `--at`: only with --dry-run (a real run sends now, never as if at another time). */
export function planningTime(options: { at?: string; dryRun?: boolean }): number | undefined {
  if (options.at === undefined) return undefined;
  if (!options.dryRun) throw new UsageError('send.atNeedsDryRun');
  const ms = Date.parse(options.at);
  if (!INSTANT.test(options.at) || Number.isNaN(ms)) throw new UsageError('send.badAt', { value: options.at });
  return ms;
}
