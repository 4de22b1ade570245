// What pings and run records add to a 2,000-DM send-reminders run: at start-up (spawn to the
// first API request) and at the end (last API request to exit), in ms, and the whole run's
// wall time against the same run without --ping, measured alternately in one bench run. The
// sandbox's rate limit is lifted here so that no wait for it hides (or is counted as) the cost.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';

export async function runsAndPings({ record, cli, installFor, withStore, startSandbox, generatedContacts, median, spread, fmt, quick }) {
  const total = quick ? 600 : 2000;
  const repeats = quick ? 2 : 5;
  process.stderr.write(`pings and run records: ${total} DMs, ${repeats} runs with --ping and ${repeats} without, alternately\n`);
  let pings = 0;
  const server = createServer((req, res) => { req.resume(); req.on('end', () => { pings += 1; res.end('OK'); }); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pingUrl = `http://127.0.0.1:${server.address().port}/ping/bench-check`;
  const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(total * 1.03)), rateLimit: { count: 1_000_000, windowMs: 10_000 }, roomPostLimit: { count: 1_000_000, windowMs: 1_000 } });
  const samples = { with: { wall: [], start: [], end: [] }, without: { wall: [], start: [], end: [] } };
  const recordMs = [];
  try {
    for (let i = 0; i < repeats; i++) {
      for (const kind of i % 2 ? ['with', 'without'] : ['without', 'with']) {
        const install = await installFor(sandbox, { reminders: total, perReminder: 50 });
        sandbox.control.resetCounters();
        const before = pings;
        const spawnedAt = Date.now();
        const run = await cli(['send-reminders', '--input', install.input, '--json', ...(kind === 'with' ? ['--ping', pingUrl] : [])], { env: install.env, configDir: install.configDir });
        if (run.code !== 0) throw new Error(`send-reminders exited ${run.code}: ${run.stderr}`);
        if (kind === 'with' && pings - before !== 2) throw new Error(`expected 2 pings, got ${pings - before}`);
        const stats = sandbox.control.stats();
        samples[kind].wall.push(run.ms);
        samples[kind].start.push(stats.firstRequestAt - spawnedAt);
        samples[kind].end.push(spawnedAt + run.ms - stats.lastRequestAt);
        // The run record itself, written again as the run wrote it (a 2,000-person reach list), in process.
        if (kind === 'with') {
          await withStore(install, async (store) => {
            const reached = install.users.slice(0, total).map((u) => u.id);
            const started = performance.now();
            await store.runs.record({ runId: crypto.randomUUID(), command: 'send-reminders', host: 'bench', pid: 1, version: '0', startedAt: Date.now(), endedAt: Date.now(),
              exitCode: 0, counts: { delivered: total, failed: 0, pending: 0, deferred: 0, skipped: 0, newSkips: 0, skipReasons: {} }, reached });
            await store.runs.reachedAtLastRun();
            recordMs.push(performance.now() - started);
          });
        }
        rmSync(install.configDir, { recursive: true, force: true });
      }
    }
  } finally {
    await sandbox.stop();
    await new Promise((resolve) => server.close(resolve));
  }
  const m = (kind, what) => median(samples[kind][what]);
  record('runs & pings', `${total} DMs: start-up (spawn to first API request) with --ping`, m('with', 'start'), 'ms', m('without', 'start'), 'reported',
    `+${fmt(m('with', 'start') - m('without', 'start'))} ms; spread ${spread(samples.with.start)} vs ${spread(samples.without.start)} ms`);
  record('runs & pings', `${total} DMs: end (last API request to exit) with --ping and the run record`, m('with', 'end'), 'ms', m('without', 'end'), 'reported',
    `+${fmt(m('with', 'end') - m('without', 'end'))} ms; spread ${spread(samples.with.end)} vs ${spread(samples.without.end)} ms; both write the run record`);
  record('runs & pings', `${total} DMs: wall time with --ping`, m('with', 'wall') / 1000, 's', m('without', 'wall') / 1000, '≤ 1.02×',
    `rate limit lifted; spread ${spread(samples.with.wall.map((v) => v / 1000))} vs ${spread(samples.without.wall.map((v) => v / 1000))} s`);
  record('runs & pings', `run record of ${total} people written and its reach read back`, median(recordMs), 'ms', undefined, 'reported', `spread ${spread(recordMs)} ms (SQLite, in process)`);
}
