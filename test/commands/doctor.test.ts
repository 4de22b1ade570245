import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/doctor/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('doctor: run()', () => {
  let h: CommandHarness;
  afterEach(() => h.close());

  it('runs every check; a fresh login with no users and no destinations warns, and exits 0', async () => {
    h = await commandHarness();
    const result = await h.invoke(run, { json: true });
    const report = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(report.exitCode).toBe(0);
    expect(report.checks.map((c: { id: string; status: string }) => `${c.status} ${c.id}`)).toMatchInlineSnapshot(`
      [
        "ok node",
        "ok config-dir",
        "ok config-writable",
        "ok state",
        "ok secret-store",
        "ok auth",
        "ok auth",
        "ok auth",
        "ok rate-limit",
        "warn links",
        "warn destinations",
        "warn destinations",
        "warn destinations",
        "ok ledger",
        "ok ledger",
        "ok send-window",
        "ok lock",
        "ok follow-ups",
        "warn sandbox",
        "ok requests",
        "ok requests",
      ]
    `);
  });

  it('not logged in: exit 4, the auth check says what to run', async () => {
    h = await commandHarness({ loggedIn: false });
    const result = await h.invoke(run, {});
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('auth login');
  });

  it('refuses a bad --max-run-age (exit 2)', async () => {
    h = await commandHarness();
    const result = await h.unchanged(() => h.invoke(run, { maxRunAge: 'soon' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --max-run-age "soon": give a number of days, hours or minutes (2d, 36h, 90m).
      "
    `);
  });
});
