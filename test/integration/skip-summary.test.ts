import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUMMARY_TITLE } from '../helpers/skip-summary-reporter.js';
import { TEST_PG_URL_ENV } from '../helpers/postgres.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** vitest on one file, as a plain local run (no CI) on a machine whose PATH has nothing but sh. */
function vitestWithout(extraEnv: Record<string, string>) {
  const bin = mkdtempSync(join(tmpdir(), 'hmcw-bare-path-'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  const result = spawnSync(process.execPath, [VITEST, 'run', 'test/integration/setup-tmux.test.ts'], {
    cwd: ROOT, encoding: 'utf8', timeout: 110_000,
    env: { PATH: bin, HOME: process.env.HOME ?? tmpdir(), LANG: 'C', ...extraEnv },
  });
  return { code: result.status, out: plain(result.stdout), err: plain(result.stderr) };
}

describe('a local run says, last, what it skipped and the package that brings it', () => {
  it('tmux hidden: the run passes, and ends with the summary naming tmux and apt-get install -y tmux', () => {
    const run = vitestWithout({ [TEST_PG_URL_ENV]: 'postgres://127.0.0.1:9/none' });
    expect(run.code, run.out + run.err).toBe(0);
    const at = run.out.lastIndexOf(SUMMARY_TITLE);
    expect(at, run.out).toBeGreaterThan(run.out.lastIndexOf('Test Files'));
    const summary = run.out.slice(at).trim().split('\n');
    expect(summary).toContain('  - tmux is not installed (apt-get install -y tmux)');
    expect(summary.at(-1)).toBe('  All of them: apt-get install -y tmux');
    // PostgreSQL was there (its URL set): the summary names only what is missing.
    expect(run.out.slice(at)).not.toContain(TEST_PG_URL_ENV);
  }, 120_000);

  it('without the PostgreSQL URL as well, both are named, with both packages', () => {
    const run = vitestWithout({});
    expect(run.code, run.out + run.err).toBe(0);
    const summary = run.out.slice(run.out.lastIndexOf(SUMMARY_TITLE));
    expect(summary).toContain(`${TEST_PG_URL_ENV} is not set`);
    expect(summary).toContain('All of them: apt-get install -y postgresql tmux');
  }, 120_000);
});
