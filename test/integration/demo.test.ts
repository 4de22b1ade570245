import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('runs the whole job end to end against the sandbox, with no human', () => {
    const script = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script, '--exit'], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, LANG: 'C' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Connected to Chatwork as HiManager通知');
    expect(result.stdout).toMatch(/survey-2026-12\s+山田 太郎 \(E0001\)\s+delivered\s+DM/);
    expect(result.stdout).toMatch(/update-2026-w49\s+鈴木 翔 \(E0012\)\s+delivered\s+room 人事部 HiManager通知/);
    expect(result.stdout).toContain('Reach: 28 of 30 after link --auto, 30 of 30 after the invitation loop');
    // The seed's impostors ask too, and the review says why neither is approved automatically.
    expect(result.stdout).toContain('no organisation on Chatwork: never approved automatically, whatever the name');
    expect(result.stdout).toContain('another organisation (株式会社サンプル商事, organisation id 9666): never approved automatically');
    expect(result.stdout).toContain('【お願い】Chatworkで「HiManager通知」をコンタクトに追加してください');
    // Not a contact at the start: reached after the invitation, the request and its approval.
    expect(result.stdout).toMatch(/survey-2026-12\s+岡田 佳奈 \(E0027\)\s+delivered\s+DM/);
    expect(result.stdout).toMatch(/See the messages as recipients do: http:\/\/127\.0\.0\.1:\d+\//);
  }, 120_000);
});
