/**
 * ja for any ja* locale, as LC_ALL > LC_MESSAGES > LANG decide; en otherwise.
 * A module of its own, with no imports: the Node.js version check (src/node-check.ts) runs it
 * under whatever old Node started the command, before anything else is loaded.
 */
export function detectLang(env: NodeJS.ProcessEnv): 'ja' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
