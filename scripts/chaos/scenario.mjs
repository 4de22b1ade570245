// A cycle's plan, drawn from the seed alone: the reminders input (new ones, and some of the previous
// cycle's again with more recipients, as a HiManager export repeats them), where each type goes, the
// sandbox's clock, the runs to start and the faults to inject, each after the k-th POST.

const MINUTE = 60_000;
const CLOCK_OFFSETS = [3.5 * MINUTE, -3.5 * MINUTE, 10 * MINUTE, -10 * MINUTE, 150_000, 30 * MINUTE];

/** What a cycle can draw: `lockKill` on PostgreSQL, `unlockForce` when the CLI offers `state unlock --force`. */
export function planCycle(random, { seed, cycle, people, rooms, previous, backend, unlockForce, fakeTime, longPauses }) {
  const token = (i) => `k${seed}c${cycle}r${i}`;
  const users = people.map((p) => p.userId);
  const reminders = [];
  for (let i = 1, n = random.int(2, 4); i <= n; i++) {
    const type = random.pick(['survey', 'survey', 'praise', 'update_survey']);
    const id = token(i);
    const to = random.sample(users, random.int(3, 10));
    const base = { id, type, to, url: `https://chaos.example/r/${id}` };
    if (type === 'praise') {
      const from = random.pick(users.filter((u) => !to.includes(u)));
      reminders.push({ ...base, from, message: `${id} のご協力に感謝します` });
    } else reminders.push({ ...base, title: `定例サーベイ ${id}`, due: '2026-12-25' });
  }
  for (const old of random.sample(previous, random.int(0, Math.min(2, previous.length)))) {
    const more = random.sample(users.filter((u) => !old.to.includes(u)), random.int(0, 3));
    reminders.push({ ...old, to: [...old.to, ...more] });
  }
  const destinations = {
    survey: random.chance(0.7) ? ['dm'] : ['dm', '--as', 'task'],
    praise: [`room:${rooms.all}`],
    'update-survey': random.pick([[`room:${rooms.hr}`, '--as', 'task'], [`room:${rooms.hr}`, '--as', 'task'], [`room:${rooms.hr}`, '--as', 'message'], ['dm']]),
  };
  const clock = () => (fakeTime && random.chance(0.3) ? random.pick(CLOCK_OFFSETS) : 0);
  const starts = Array.from({ length: random.int(1, 3) }, () => ({ clockOffsetMs: clock() }));
  const kinds = ['stop', 'stop', 'kill', 'kill', 'start', 'start', 'lost-answers', '5xx', 'export', 'import', 'unlock'];
  // A pause the lock sees as long, without waiting for it: a successor whose clock is past the heartbeat window.
  if (fakeTime) kinds.push('pause-takeover');
  // A real pause past the 2-minute heartbeat window costs 2¼ minutes: only in long runs, now and then.
  if (longPauses && random.chance(0.05)) kinds.push('long-pause');
  if (backend === 'postgres') kinds.push('lock-kill', 'lock-kill');
  if (unlockForce) kinds.push('unlock-force');
  const actions = Array.from({ length: random.int(2, 6) }, () => {
    const kind = random.pick(kinds);
    const action = { kind, after: random.int(1, 8) };
    if (kind === 'start' || kind === 'unlock' || kind === 'unlock-force') action.clockOffsetMs = clock();
    if (kind === 'lost-answers') action.faults = { dropAfterRate: random.pick([0.1, 0.3, 0.6]), failAfter: 'POST /rooms/', failAfterCount: random.int(0, 3) };
    if (kind === '5xx') action.faults = { serverErrorRate: random.pick([0.1, 0.3]), dropBeforeRate: random.pick([0, 0.1]) };
    if (['stop', 'kill', 'pause-takeover', 'long-pause'].includes(kind)) action.target = random.next();
    if (kind === 'pause-takeover' || kind === 'long-pause') action.resumeAfter = random.int(1, 6);
    // A pause lasts until this many further actions have fired (or the runs would otherwise all be idle).
    if (kind === 'stop') action.holdFor = random.int(1, 3);
    if (kind === 'import') action.dump = random.next();
    return action;
  });
  return {
    cycle, reminders, destinations, starts, actions,
    latencyMs: random.int(20, 80),
    sandboxClockMs: random.chance(0.25) ? random.pick(CLOCK_OFFSETS) : 0,
  };
}
