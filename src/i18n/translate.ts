import { catalog, type MessageKey } from './catalog.js';
import { visible } from '../text/terminal-safe.js';
import { formatTime } from '../text/time.js';

const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export type Lang = 'ja' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export { detectLang } from './detect-lang.js';

export function isLang(value: string): value is Lang {
  return value === 'ja' || value === 'en';
}

/** How a `{name:time}` placeholder is written: see src/text/time.ts. */
export interface TimeOptions { timeZone(): string; now(): number }

/**
 * Fills `{name}` with the value as it is, and `{name:time}` with a time (epoch ms or ISO
 * text) written for a person, in the language and the configured time zone.
 */
export function format(template: string, params: Params = {}, lang: Lang = 'en', time?: TimeOptions): string {
  return template.replace(/\{(\w+)(:time)?\}/g, (whole, name: string, isTime?: string) => {
    if (!(name in params)) return whole;
    if (!isTime) return String(params[name]);
    return formatTime(params[name]!, lang, time?.timeZone() ?? DEFAULT_TIME_ZONE, time?.now());
  });
}

/**
 * Every message the CLI prints is built here, so this is where outside text (a name, a
 * file's content, a server's answer) has its terminal controls made visible: a value
 * goes into a message, never an escape sequence into the terminal.
 */
export function createTranslator(lang: Lang, time?: TimeOptions): Translate {
  return (key, params) => format(catalog[key][lang], params && visibleParams(params), lang, time);
}

function visibleParams(params: Params): Params {
  const safe: Params = {};
  for (const [name, value] of Object.entries(params)) safe[name] = typeof value === 'string' ? visible(value) : value;
  return safe;
}

export type { MessageKey };
