// One cycle: write the input and the destinations, the faulty phase, then a clean run (no faults,
// true clocks) repeated until it exits 0, then the invariants against the sandbox and the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPairs } from './check.mjs';
import { faultyPhase } from './faults.mjs';

const CLEAN_ATTEMPTS = 6;

export async function runCycle(world, plan, run) {
  const { cli, sandbox } = world;
  const inputFile = join(world.configDir, `reminders-c${plan.cycle}.json`);
  writeFileSync(inputFile, JSON.stringify(plan.reminders, null, 1));
  for (const r of plan.reminders) run.pairs.set(r.id, new Set([...(run.pairs.get(r.id) ?? []), ...r.to]));
  // `last`: the last cycle whose input listed it (a reminder repeated with more recipients is listed again).
  for (const r of plan.reminders) run.reminders.set(r.id, { ...r, last: plan.cycle });
  // After a restore, the input lists every reminder an input has listed since the dump's cycle (this
  // cycle's own included), with all its recipients so far.
  const onRestore = (since) => {
    const again = [...run.reminders.values()].filter((r) => r.last >= since).map(({ last, ...r }) => ({ ...r, to: [...run.pairs.get(r.id)] }));
    writeFileSync(inputFile, JSON.stringify(again, null, 1));
  };
  const notes = [];
  for (const [type, args] of Object.entries(plan.destinations)) {
    if (run.destinations[type] === args.join(' ')) continue;
    const result = await cli.run(['destinations', 'set', type, ...args]);
    if (result.code === 0) run.destinations[type] = args.join(' ');
    else notes.push(`destinations set ${type} ${args.join(' ')}: exit ${result.code} ${firstLine(result.stderr)}`);
  }
  const postsBefore = sandbox.posts.count;
  const fired = [];
  const count = (kind) => { fired.push(kind); run.count(kind); };
  const faulty = await faultyPhase(world, plan, { inputFile, dumps: run.dumps, count, unlockForceArgs: run.unlockForceArgs, onRestore });
  const faultyPosts = sandbox.posts.count - postsBefore;
  await sandbox.clearFaults();
  await sandbox.setClockOffset(0);
  const clean = [];
  for (let attempt = 1; attempt <= CLEAN_ATTEMPTS; attempt++) {
    const result = await cli.run(['send-reminders', '--input', inputFile, '--now', '--json']);
    clean.push(result.code ?? result.signal);
    if (result.code === 0) break;
    if (attempt === CLEAN_ATTEMPTS) notes.push(`clean run did not finish: exit ${result.code} ${firstLine(result.stderr)}`);
    // A refusal (5: the lock of a run that just ended) or a partial run (3): the next attempt goes on.
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
  }
  const historyRun = await cli.run(['history', '--json']);
  if (historyRun.code !== 0) throw new Error(`history --json failed (${historyRun.code}): ${historyRun.stderr}`);
  const history = historyRun.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const violations = checkPairs({ pairs: run.pairs, people: world.people.people, rooms: await sandbox.rooms(), history });
  for (const r of faulty.results) if (![0, 3, 5].includes(r.code) && r.signal !== 'SIGKILL') notes.push(`send-reminders exit ${r.code ?? r.signal}: ${firstLine(r.stderr)}`);
  if (faulty.hung) notes.push('a run was still going at the end of the phase bound and was killed');
  return { plan, faulty, faultyPosts, fired, clean, violations, notes };
}

// The line that names the error: "SomeError: …" first (not the stack's "throw er"), else any that says what failed.
const firstLine = (text) => {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*\w*Error\b.*:/.test(l));
  const line = ((at >= 0 ? lines[at] : undefined) ?? lines.find((l) => /error|could not|refus/i.test(l)) ?? lines[0] ?? '').trim().slice(0, 200);
  // An unexpected error's cause is on the lines under it: the note carries them, to be reported.
  const under = Math.max(0, at) + 1;
  return /unexpected error/.test(line) ? [line, ...lines.slice(under, under + 3).map((l) => l.trim()).filter(Boolean)].join(' | ').slice(0, 600) : line;
};
