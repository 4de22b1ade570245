import { isoInZone } from '../text/time.js';

/** Levels, least to most severe: verbose lines are debug, "Warning:" lines warn, errors error. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * One line of the text log format (docs/logging.md), the grammar every stderr line off a
 * terminal follows:
 *
 *   <time> run=<run id> <level>[ <message>]
 *   2026-12-05T09:00:01.234+09:00 run=0b9f…-… info Sent 26, on hold 0, skipped 1, failed 0.
 *
 * time: ISO 8601 with milliseconds and the offset of the display time zone (the machine's until
 * the store is open); run id: the run's UUID; a message of several lines gets one prefix per line.
 */
export const TEXT_LOG_LINE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}) run=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) (debug|info|warn|error)(?: (.*))?$/;

/** 2026-12-05T09:00:01.234+09:00: the instant in `zone`, with milliseconds and the zone's offset. */
export function logTimestamp(ms: number, zone: string): string {
  const iso = isoInZone(ms, zone);
  const millis = String(((Math.floor(ms) % 1000) + 1000) % 1000).padStart(3, '0');
  return `${iso.slice(0, 19)}.${millis}${iso.slice(19)}`;
}

/** The machine's own zone (TZ, else the system's): what times are told in before the store says otherwise. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Each line of `message` behind the same prefix; an empty line is the prefix alone. */
export function prefixLines(prefix: string, message: string): string {
  return message.split(/\r?\n/).map((line) => (line ? `${prefix} ${line}` : prefix)).join('\n');
}
