import type { Deps } from '../../deps.js';
import { ExitCode } from '../../errors.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { CHECKS, type Area, type Status } from '../../doctor/checks.js';
import { DoctorContext } from '../../doctor/context.js';
import { runCheck } from '../../doctor/run-check.js';
import { StateMovedError } from '../../state/moved.js';
import { DEFAULT_MAX_RUN_AGE_MS, parseMaxRunAge } from '../../doctor/checks-runs.js';

export interface DoctorOptions { json?: boolean; maxRunAge?: string; ping?: string }

const AREAS: Area[] = ['runtime', 'secrets', 'auth', 'rateLimit', 'links', 'destinations', 'delivery', 'sandbox'];
const ICONS: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗' };
/** Exit 4 is for a login that is missing or rejected; a skewed clock or a locked keychain is not that. */
const AUTH_FAILURES: MessageKey[] = ['doctor.auth.failed', 'doctor.auth.noClient', 'doctor.auth.scopes', 'doctor.secrets.noRefreshToken', 'doctor.secrets.noClientSecret'];

interface Row { id: string; area: Area; status: Status; finding: string; remedy?: string; findingKey: MessageKey }

/** npm doctor's shape: every check runs, each ok / warn / fail with the command that fixes it. */
export async function run(options: DoctorOptions, deps: Deps): Promise<number> {
  const { io, t } = deps;
  const maxRunAgeMs = options.maxRunAge === undefined ? DEFAULT_MAX_RUN_AGE_MS : parseMaxRunAge(options.maxRunAge);
  const ctx = new DoctorContext(deps, { maxRunAgeMs });
  let authFailed = false;
  // On a moved store only this machine's checks run: the login and the links live in the new store.
  const moved = await ctx.store().then(() => false, (error: unknown) => error instanceof StateMovedError);
  const checks = moved ? CHECKS.filter((check) => check.area === 'runtime') : CHECKS;
  const results = await Promise.all(checks.map(async (check) => {
    const findings = await runCheck(check, ctx);
    if (findings.some((f) => f.status === 'fail' && AUTH_FAILURES.includes(f.finding.key))) authFailed = true;
    return findings.map((f): Row => ({
      id: check.id, area: check.area, status: f.status, findingKey: f.finding.key,
      finding: t(f.finding.key, f.finding.params), remedy: f.remedy ? t(f.remedy.key, f.remedy.params) : undefined,
    }));
  }));
  const rows = results.flat();
  const failed = rows.some((row) => row.status === 'fail');
  const exitCode = authFailed ? ExitCode.auth : failed ? ExitCode.error : ExitCode.ok;
  const apiCalls = await ctx.api().then((api) => api.stats.requests, () => 0);
  // The ping's body: how many checks came out how, and which failed or warned (ids, never names).
  deps.lifecycle.report({
    ok: count(rows, 'ok'), warn: count(rows, 'warn'), fail: count(rows, 'fail'),
    findings: Object.fromEntries(rows.filter((row) => row.status !== 'ok').map((row) => [row.findingKey, row.status === 'fail' ? 2 : 1])),
  });
  if (options.json) {
    io.json({
      exitCode, apiCalls,
      summary: { ok: count(rows, 'ok'), warn: count(rows, 'warn'), fail: count(rows, 'fail') },
      checks: rows,
    });
    return exitCode;
  }
  const fancy = io.stdoutIsTTY;
  for (const area of AREAS) {
    const inArea = rows.filter((row) => row.area === area);
    if (!inArea.length) continue;
    io.out(io.style.bold(t(`doctor.area.${area}` as MessageKey)));
    for (const row of inArea) {
      const mark = fancy ? colour(io.style, row.status)(ICONS[row.status]) : t(`doctor.status.${row.status}` as MessageKey);
      io.out(`  ${mark} ${row.finding}`);
      if (row.remedy) io.out(`      → ${row.remedy}`);
    }
  }
  io.out(t('doctor.summary', { ok: count(rows, 'ok'), warn: count(rows, 'warn'), fail: count(rows, 'fail'), calls: apiCalls }));
  return exitCode;
}

function count(rows: Row[], status: Status): number {
  return rows.filter((row) => row.status === status).length;
}

function colour(style: Deps['io']['style'], status: Status): (s: string) => string {
  return status === 'ok' ? style.green : status === 'warn' ? style.yellow : style.red;
}
