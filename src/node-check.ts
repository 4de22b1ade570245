import { deployCatalog } from './i18n/catalog-deploy.js';
import { detectLang } from './i18n/detect-lang.js';

// The first module bin/himanager-chatwork.js loads, under whatever Node.js started it (a cron
// host's /usr/bin/node may be 12 or 18). So this file and the two it imports use no syntax an
// old Node cannot parse (no optional chaining, nullish coalescing, logical assignment or
// classes): test/integration/deploy-node-version.test.ts reads the compiled text for them.

/** The Node.js releases package.json's engines accept: 22.22+, 24.15+, 26 and later. */
export function isSupportedNode(version: string): boolean {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  const major = parts[0] || 0;
  const minor = parts[1] || 0;
  return (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 26;
}

export interface Runtime {
  /** process.versions.node */
  version: string;
  /** process.execPath: which node started the command, the fact cron users need. */
  execPath: string;
  /** process.argv[1]: the script, for the example command line. */
  script: string;
  env: NodeJS.ProcessEnv;
}

/** Undefined on a supported Node; otherwise the message to print, in the reader's language. */
export function nodeTooOldMessage(runtime: Runtime): string | undefined {
  if (isSupportedNode(runtime.version)) return undefined;
  const template = deployCatalog['node.tooOld'][detectLang(runtime.env)];
  const params: Record<string, string> = { version: runtime.version, path: runtime.execPath, script: runtime.script };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? params[name]! : whole));
}
