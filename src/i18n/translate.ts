import { catalog, type MessageKey } from './catalog.js';
import { visible } from '../io/terminal-safe.js';

export type Lang = 'ja' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** ja for any ja* locale, as LC_ALL > LC_MESSAGES > LANG decide; en otherwise. */
export function detectLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function isLang(value: string): value is Lang {
  return value === 'ja' || value === 'en';
}

export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole);
}

/**
 * Every message the CLI prints is built here, so this is where outside text (a name, a
 * file's content, a server's answer) has its terminal controls made visible: a value
 * goes into a message, never an escape sequence into the terminal.
 */
export function createTranslator(lang: Lang): Translate {
  return (key, params) => format(catalog[key][lang], params && visibleParams(params));
}

function visibleParams(params: Params): Params {
  const safe: Params = {};
  for (const [name, value] of Object.entries(params)) safe[name] = typeof value === 'string' ? visible(value) : value;
  return safe;
}

export type { MessageKey };
