import type { Reporter } from 'vitest/node';

type UserConsoleLog = Parameters<NonNullable<Reporter['onUserConsoleLog']>>[0];

/** The line every helper prints when a test cannot run here (test/helpers/system.ts and the like). */
export const SKIP_PREFIX = 'skipping: ';
export const SUMMARY_TITLE = 'Not run on this machine';

/**
 * Collects the "skipping: …" lines the helpers print (a missing package, no PostgreSQL cluster,
 * not root) and prints them once, deduplicated, after vitest's own summary: the last thing a
 * local `npm test` shows is what it did not test and the Debian package that brings it. Under
 * CI=true the helpers throw instead, so there a missing tool fails the run.
 */
export default class SkipSummaryReporter implements Reporter {
  private readonly reasons = new Map<string, Set<string>>();

  onUserConsoleLog(log: UserConsoleLog): void {
    for (const line of log.content.split('\n')) {
      const at = line.indexOf(SKIP_PREFIX);
      if (at < 0) continue;
      const reason = line.slice(at + SKIP_PREFIX.length).trim();
      const files = this.reasons.get(reason) ?? new Set<string>();
      files.add(log.taskId ?? '');
      this.reasons.set(reason, files);
    }
  }

  onTestRunEnd(): void {
    if (this.reasons.size === 0) return;
    const packages = new Set<string>();
    const lines = [...this.reasons.keys()].sort().map((reason) => {
      // The package names right after `apt-get install -y`, up to the `)` or `:` that ends the hint.
      for (const match of reason.matchAll(/apt-get install -y ([a-z0-9][a-z0-9.+-]*(?: [a-z0-9][a-z0-9.+-]*)*)(?=[):])/g)) {
        for (const name of match[1]!.split(' ')) packages.add(name);
      }
      return `  - ${reason}`;
    });
    const install = packages.size ? [`  All of them: apt-get install -y ${[...packages].sort().join(' ')}`] : [];
    process.stdout.write(`\n ${SUMMARY_TITLE} (these tests were skipped; CI=true makes each a failure):\n${[...lines, ...install].join('\n')}\n\n`);
  }
}
