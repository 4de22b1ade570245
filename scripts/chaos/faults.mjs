// The faulty phase of a cycle: the planned runs of `send-reminders`, and each planned fault fired
// once k more POSTs have landed in the sandbox (or at once when no run can post any more).
import { join } from 'node:path';

const MAX_RUNS = 5;
/** Dumps kept to restore from (the oldest goes): a restore re-lists at most this many cycles' reminders. */
const MAX_DUMPS = 6;
const PHASE_TIMEOUT_MS = 300_000;
/** Past the SQLite lock's 2-minute heartbeat window, with a margin. */
const LONG_PAUSE_MS = 135_000;
const TAKEOVER_CLOCK_MS = 210_000;
/** No POST for this long while a run is stopped: the next fault fires anyway (the others may wait on it). */
const STALL_MS = 10_000;
const SLOW_POST_MS = 1_500;

export async function faultyPhase(world, plan, { inputFile, dumps, count, unlockForceArgs, onRestore }) {
  const { sandbox, cli } = world;
  const runs = [];
  const wake = new Set();
  const changed = () => { for (const fn of wake) fn(); };
  const live = () => runs.filter((r) => !r.exited);
  const idle = () => new Promise((resolve) => {
    const check = () => { if (live().every((r) => r.stopped)) { wake.delete(check); resolve(); } };
    wake.add(check);
    check();
  });
  const start = (clockOffsetMs, always = false) => {
    if (runs.length >= MAX_RUNS && !always) return;
    const run = cli.start(['send-reminders', '--input', inputFile, '--now', '--json'], { clockOffsetMs });
    void run.result.then(changed);
    runs.push(run);
    if (clockOffsetMs) count('clock-cli');
  };
  const pick = (candidates, at) => candidates[Math.floor(at * candidates.length)];

  await sandbox.setFaults({ latencyMs: plan.latencyMs, postsOnly: true });
  if (plan.sandboxClockMs) { await sandbox.setClockOffset(plan.sandboxClockMs); count('clock-sandbox'); }
  for (const s of plan.starts) start(s.clockOffsetMs);
  const paused = [];
  for (const [index, action] of plan.actions.entries()) {
    await Promise.race([sandbox.posts.after(action.after), idle(), sandbox.posts.quiet(STALL_MS)]);
    for (const p of paused.filter((p) => p.until <= index)) { p.run.signal('SIGCONT'); paused.splice(paused.indexOf(p), 1); changed(); }
    switch (action.kind) {
      case 'stop': {
        const run = pick(live().filter((r) => !r.stopped), action.target);
        if (run?.signal('SIGSTOP')) { count('SIGSTOP'); paused.push({ run, until: index + action.holdFor }); changed(); }
        break;
      }
      case 'pause-takeover': case 'long-pause': {
        // The holder stops; a successor starts once the lock looks stale to it (its clock ahead, or
        // really 2¼ minutes later); the holder resumes after the successor's k-th POST.
        const run = pick(live().filter((r) => !r.stopped), action.target);
        if (!run?.signal('SIGSTOP')) break;
        changed();
        if (action.kind === 'long-pause') await new Promise((resolve) => setTimeout(resolve, LONG_PAUSE_MS));
        start(action.kind === 'long-pause' ? 0 : TAKEOVER_CLOCK_MS, true);
        await Promise.race([sandbox.posts.after(action.resumeAfter), idle(), sandbox.posts.quiet(STALL_MS)]);
        run.signal('SIGCONT');
        changed();
        count(action.kind);
        break;
      }
      case 'kill': {
        const run = pick(live(), action.target);
        if (run?.signal('SIGKILL')) count('SIGKILL');
        break;
      }
      case 'start': if (runs.length < MAX_RUNS) { start(action.clockOffsetMs); count('late-start'); } break;
      case 'lost-answers': case '5xx':
        await sandbox.setFaults({ latencyMs: plan.latencyMs, postsOnly: true, ...action.faults });
        count(action.kind);
        break;
      case 'export': {
        const file = join(world.configDir, `dump-c${plan.cycle}-${index}.ndjson`);
        if ((await cli.run(['state', 'export', '--output', file])).code === 0) { dumps.push({ file, cycle: plan.cycle }); count('export'); }
        if (dumps.length > MAX_DUMPS) dumps.shift();
        break;
      }
      case 'import': {
        if (!dumps.length) break;
        const dump = pick(dumps, action.dump);
        const result = await cli.run(['state', 'import', '--force', dump.file]);
        count(result.code === 0 ? 'restore' : `restore-refused(${result.code})`);
        // The export still lists every reminder since the dump: later runs get them all again.
        if (result.code === 0) onRestore(dump.cycle);
        break;
      }
      case 'unlock': case 'unlock-force': {
        const args = action.kind === 'unlock' ? ['state', 'unlock'] : ['state', 'unlock', ...unlockForceArgs];
        const result = await cli.run(args, { clockOffsetMs: action.clockOffsetMs });
        count(`${action.kind}${action.clockOffsetMs ? '+clock' : ''}(${result.code})`);
        break;
      }
      case 'lock-kill': {
        // Slow POSTs first, so that some are on the wire when the lock's session dies; a successor
        // starts at once and looks in the rooms before they land (a failover, a pooler restart).
        await sandbox.setFaults({ latencyMs: SLOW_POST_MS, postsOnly: true });
        await Promise.race([sandbox.posts.after(1), idle(), sandbox.posts.quiet(STALL_MS)]);
        if (await world.db.killLockSession()) { count('lock-kill'); start(0, true); }
        await Promise.race([sandbox.posts.after(2), idle(), sandbox.posts.quiet(STALL_MS)]);
        await sandbox.setFaults({ latencyMs: plan.latencyMs });
        break;
      }
    }
  }
  for (const p of paused) p.run.signal('SIGCONT');
  return settle(runs);
}

/** Waits for every run to end; one still running after the phase's bound is killed and reported. */
async function settle(runs) {
  let timer;
  const bound = new Promise((resolve) => { timer = setTimeout(resolve, PHASE_TIMEOUT_MS); });
  const all = Promise.all(runs.map((r) => r.result));
  const hung = await Promise.race([all.then(() => false), bound.then(() => true)]);
  clearTimeout(timer);
  if (hung) for (const r of runs) r.signal('SIGKILL');
  const results = await all;
  return { hung, results: results.map((r, i) => ({ ...r, clockOffsetMs: runs[i].clockOffsetMs })) };
}
