import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';

let configDir: string;
beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'hmcw-epipe-'));
  // Enough users that the output outgrows a pipe's buffer (64 KiB), so the writer meets the closed pipe.
  const rows = Array.from({ length: 5_000 }, (_, i) => `E${i},社員 ${i},e${i}@sample.co.jp,営業部`);
  writeFileSync(join(configDir, 'users.csv'), ['id,name,email,department', ...rows].join('\n'));
  expect((await runCli(['--config-dir', configDir, 'users', 'import', join(configDir, 'users.csv')])).code).toBe(0);
});

/** Runs `himanager-chatwork <args> | head -1` in bash and returns the CLI's own exit status and stderr. */
function intoHead(args: string): { status: number; stderr: string; stdout: string } {
  const script = `"${process.execPath}" "${BIN}" --config-dir "${configDir}" ${args} 2>"${configDir}/stderr" | head -1; echo "status=\${PIPESTATUS[0]}"; cat "${configDir}/stderr"`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
  const [first, statusLine, ...stderr] = result.stdout.split('\n');
  return { stdout: first!, status: Number(/status=(\d+)/.exec(statusLine!)?.[1]), stderr: stderr.join('\n').trim() };
}

describe('a reader that stops reading (| head)', () => {
  it.each(['users list', 'users list --json'])('%s | head -1: quiet, exit 141 as after SIGPIPE', (args) => {
    const result = intoHead(args);
    expect(result.stdout).not.toBe('');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(141);
  });

  it('a reader that reads everything sees exit 0 as before', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --config-dir "${configDir}" users list | wc -l; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/^5001\nstatus=0\n$/);
  });
});
