import { CORE_FIELDS, type LogEvent } from './events.js';
import { logTimestamp, prefixLines, type LogLevel } from './log-line.js';

/**
 * human: today's lines, for a person at a terminal; text: each line behind time, run id and
 * level; json: one NDJSON event per line. `auto` (the default) is human on a terminal, else text.
 */
export type LogFormat = 'human' | 'text' | 'json';
export type LogFormatChoice = 'auto' | 'text' | 'json';

export interface LogEntry {
  level: LogLevel;
  event: LogEvent;
  /** In the catalog's language; may span lines. None: a machine-only event (JSON format only). */
  message?: string;
  /** Stable keys for machines: counts, ids, milliseconds. Never a name, secret or URL. */
  fields?: Record<string, unknown>;
}

export interface LoggerOptions {
  format: LogFormat;
  write(text: string): void;
  runId(): string;
  /** The zone times are told in: the configured display zone once known, else the machine's. */
  zone(): string;
  now(): number;
  /** Masks every registered secret; applied to each line as written. */
  redact?(text: string): string;
}

export interface Logger {
  readonly format: LogFormat;
  emit(entry: LogEntry): void;
}

export function resolveLogFormat(choice: LogFormatChoice, stderrIsTTY: boolean): LogFormat {
  if (choice === 'auto') return stderrIsTTY ? 'human' : 'text';
  return choice;
}

const RESERVED = new Set<string>(CORE_FIELDS);

export function createLogger(options: LoggerOptions): Logger {
  const redact = options.redact ?? ((text: string) => text);
  return {
    format: options.format,
    emit({ level, event, message, fields }) {
      if (options.format === 'json') {
        const line: Record<string, unknown> = {
          time: logTimestamp(options.now(), options.zone()), level, runId: options.runId(), event,
          ...(message !== undefined ? { message: redact(message) } : {}),
        };
        // An event's own fields never overwrite the core ones a reader relies on.
        for (const [key, value] of Object.entries(fields ?? {})) if (!RESERVED.has(key) && value !== undefined) line[key] = value;
        options.write(`${redact(JSON.stringify(line))}\n`);
        return;
      }
      if (message === undefined) return;
      if (options.format === 'human') {
        options.write(`${redact(message)}\n`);
        return;
      }
      const prefix = `${logTimestamp(options.now(), options.zone())} run=${options.runId()} ${level}`;
      options.write(`${prefixLines(prefix, redact(message))}\n`);
    },
  };
}

/** A line the catalog words as a warning ("Warning: …", "警告: …") is logged as one. */
export function isWarningLine(text: string): boolean {
  return /^(Warning|警告)[:：]/.test(text);
}
