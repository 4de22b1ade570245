// Reminders per request: a week in which every person has a survey and an update survey due in
// the same run, both to their direct chat. With the digest each person gets one message listing
// both; without it (--no-digest, what every run did before) two. The figure is reminders
// delivered per message POST (target ≥ 1.9; 1.0 without the digest), with the run's pacing against
// the floor the request budget sets (≤ 1.05×) and no 429. The other requests (/me, contacts,
// rooms read) are reported beside it. Scaled-down limits, as the delivery section's: 300
// requests per 10 s stand for Chatwork's 300 per 5 minutes.
import { writeFileSync, rmSync } from 'node:fs';

export async function digestBench({ record, cli, installFor, withStore, startSandbox, generatedContacts, fmt, quick }) {
  const people = quick ? 1_000 : 5_000;
  const limit = { count: 300, windowMs: 10_000 };
  process.stderr.write(`digest: ${people} people, each a survey and an update survey due this week, at ${limit.count} requests / ${limit.windowMs / 1000} s\n`);
  for (const digest of [true, false]) {
    const sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(people * 1.03)), rateLimit: limit, roomPostLimit: { count: 10, windowMs: 333 } });
    const install = await installFor(sandbox, { reminders: 0 });
    const to = install.users.slice(0, people).map((u) => u.id);
    await withStore(install, async (store) => {
      await store.destinations.set('update-survey', 'dm');
      await store.config.update((s) => { s.calendar = { ...s.calendar, policy: { ...s.calendar.policy, survey: 'send', 'update-survey': 'send' } }; });
    });
    writeFileSync(install.input, JSON.stringify([
      { id: 'survey-2026-12', type: 'survey', title: '2026年12月 エンゲージメントサーベイ', due: '2026-12-04', url: 'https://app.himanager.example/surveys/2026-12', to },
      { id: 'update-2026-w49', type: 'update_survey', title: '今週のアップデート（第49週）', due: '2026-12-02', url: 'https://app.himanager.example/updates/2026-w49', to },
    ]), { mode: 0o600 });
    sandbox.control.resetCounters();
    const run = await cli(['send-reminders', '--input', install.input, '--json', ...(digest ? [] : ['--no-digest'])], { env: install.env, configDir: install.configDir });
    if (!run.stdout.trim()) throw new Error(`send-reminders exited ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const stats = sandbox.control.stats();
    const requests = report.client.requests;
    const posts = stats.posts;
    const reminders = report.reminders.delivered;
    const firstOffset = stats.firstRequestAt % 1000;
    const floorMs = (Math.ceil(requests / limit.count) - 1) * limit.windowMs - firstOffset;
    const label = digest ? 'digest' : '--no-digest (before)';
    record('digest', `${people} people × 2 reminders, ${label}: reminders per message POST`, reminders / posts, '', undefined, digest ? '≥ 1.9' : 'reported (1.0)',
      `${reminders} reminders delivered in ${posts} message POSTs; other requests (/me, contacts, rooms, task closes) ${requests - posts}; `
      + `${fmt(reminders / requests)} reminders per request of any kind; exit ${run.code}`);
    record('digest', `${people} people, ${label}: wall time`, run.ms / 1000, 's', floorMs / 1000, digest ? '≤ 1.05×' : 'reported',
      `floor ${fmt(floorMs / 1000)} s for ${requests} requests; first to last request ${fmt((stats.lastRequestAt - stats.firstRequestAt) / 1000)} s`);
    record('digest', `${people} people, ${label}: 429 answers to us`, report.client.status429, '', undefined, '0', `sandbox 429s: ${stats.status429} (per-room ${stats.roomPost429})`);
    await sandbox.stop();
    rmSync(install.configDir, { recursive: true, force: true });
  }
}
