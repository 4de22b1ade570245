import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LIBFAKETIME, systemFile } from '../helpers/system.js';

// The chaos run (scripts/chaos/cli.mjs) gives a CLI process another wall clock through libfaketime,
// its timers keep real time. That mechanism, checked here.
const faketime = systemFile(LIBFAKETIME, 'libfaketime', 'faketime');

describe.skipIf(!faketime.available)(`a process under libfaketime${faketime.available ? '' : ` (${faketime.reason})`}`, () => {
  it('reads a wall clock a day ahead of this one', () => {
    const script = 'console.log(JSON.stringify({ wall: Date.now() }))';
    const before = Date.now();
    const child = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, LD_PRELOAD: LIBFAKETIME, FAKETIME: '+86400', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    });
    const after = Date.now();
    expect(child.status, child.stderr).toBe(0);
    const { wall } = JSON.parse(child.stdout) as { wall: number };
    // A day ahead of the moment it ran, which lies between before and after.
    expect(wall).toBeGreaterThanOrEqual(before + 86_400_000 - 1_000);
    expect(wall).toBeLessThanOrEqual(after + 86_400_000 + 1_000);
  });
});
