// npm run chaos -- --seed N --minutes M [--backend sqlite|postgres] [--cycles K]
// Many cycles of send-reminders under random faults against the sandbox, each checked against the
// sandbox's own record. Exit 1 on any violation, with the seed and the command that replays it.
import { parseArgs } from 'node:util';
import { canFakeTime } from './cli.mjs';
import { runCycle } from './cycle.mjs';
import { seededRandom } from './random.mjs';
import { cycleLine, summary } from './report.mjs';
import { planCycle } from './scenario.mjs';
import { createWorld } from './world.mjs';

const DEFAULT_SEED = 20261124;
const { values } = parseArgs({ options: {
  seed: { type: 'string' }, minutes: { type: 'string', default: '3' }, backend: { type: 'string', default: 'sqlite' }, cycles: { type: 'string' },
} });
const seed = Number(values.seed ?? DEFAULT_SEED);
const minutes = Number(values.minutes);
const maxCycles = values.cycles === undefined ? Infinity : Number(values.cycles);
const backend = values.backend;
if (!Number.isInteger(seed) || seed < 0 || !(minutes > 0) || !(maxCycles > 0) || !['sqlite', 'postgres'].includes(backend)) {
  console.error('usage: npm run chaos -- [--seed <non-negative integer>] [--minutes <m>] [--backend sqlite|postgres] [--cycles <k>]');
  process.exit(2);
}
const reproduce = `npm run chaos -- --seed ${seed} --minutes ${minutes} --backend ${backend}${values.cycles ? ` --cycles ${values.cycles}` : ''}`;
console.log(`chaos: seed ${seed}, backend ${backend}, ${minutes} min${values.cycles ? `, at most ${values.cycles} cycles` : ''}; clock offsets for the CLI ${canFakeTime ? 'by libfaketime' : 'OFF (apt-get install faketime)'}`);

const started = Date.now();
const world = await createWorld({ seed, backend });
const unlockHelp = (await world.cli.run(['state', 'unlock', '--help'])).stdout;
const unlockForceArgs = /--force\b/.test(unlockHelp) ? ['--force', ...(/--yes\b/.test(unlockHelp) ? ['--yes'] : [])] : undefined;
if (!unlockForceArgs) console.log('chaos: `state unlock --force` is not offered by this CLI: that fault is skipped');
const counts = new Map();
const run = { pairs: new Map(), reminders: new Map(), dumps: [], destinations: {}, unlockForceArgs, count: (kind) => counts.set(kind, (counts.get(kind) ?? 0) + 1) };
const violations = [];
const seen = new Set();
let cycles = 0;
let previous = [];
let interrupted = false;
let harnessError;
process.once('SIGINT', () => { interrupted = true; console.log('chaos: stopping after this cycle'); });
try {
  while (cycles < maxCycles && Date.now() - started < minutes * 60_000 && !interrupted) {
    cycles += 1;
    const plan = planCycle(seededRandom(seed).fork(cycles), {
      seed, cycle: cycles, people: world.people.people, rooms: world.people.rooms, previous, backend, unlockForce: !!unlockForceArgs, fakeTime: canFakeTime, longPauses: minutes >= 10,
    });
    const cycleStart = Date.now();
    const result = await runCycle(world, plan, run);
    result.seconds = Math.round((Date.now() - cycleStart) / 1000);
    const fresh = result.violations.filter((v) => !seen.has(`${v.rule}|${v.reminderId}|${v.userId}`)).map((v) => ({ ...v, cycle: cycles }));
    for (const v of fresh) seen.add(`${v.rule}|${v.reminderId}|${v.userId}`);
    violations.push(...fresh);
    console.log(cycleLine(result, fresh));
    previous = plan.reminders.filter((r) => r.id.startsWith(`k${seed}c${cycles}r`));
  }
} catch (error) {
  // The harness itself failed (a command it needs did not work): a failure too, with what was seen so far.
  harnessError = error;
  console.log(`chaos: cycle ${cycles} could not be run: ${error instanceof Error ? error.stack : error}`);
} finally {
  await world.stop();
}
console.log(summary({ seed, backend, cycles, counts, violations, minutes, elapsedMs: Date.now() - started, reproduce }));
if (harnessError) console.log(`reproduce: ${reproduce}`);
process.exit(violations.length || harnessError ? 1 : 0);
