import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { ROUND_CHECKS, windowCapacity } from '../../src/flows/doctor/checks-rounds.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Finding } from '../../src/flows/doctor/finding.js';
import { resolveEnvironment } from '../../src/env.js';
import { clockAt } from '../helpers/shifted-clock.js';

let dir: string;
let deps: Deps;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hmcw-doctor-rounds-'));
  deps = await createDeps(resolveEnvironment({ configDir: dir, lang: 'en', secretStore: 'file' }, { LANG: 'en_US.UTF-8' }),
    { streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, command: 'doctor', clock: clockAt('2026-12-07T08:00:00+09:00') });
});
afterEach(async () => {
  await deps.stores.close();
  await rm(dir, { recursive: true, force: true });
});

const check = async () => [await ROUND_CHECKS[0]!.run(new DoctorContext(deps))].flat() as Finding[];

describe('doctor: follow-ups against the send window and the rate limit', () => {
  it('a one-hour window takes 3,600 posts at 300 per 5 minutes; a nine-hour one 32,400', () => {
    expect(windowCapacity(60)).toBe(3_600);
    expect(windowCapacity(540)).toBe(32_400);
    expect(windowCapacity(4)).toBe(0);
  });

  it('warns when 5,000 pending follow-ups cannot go out in a one-hour window; fine in a nine-hour one; says nothing is scheduled when nothing is', async () => {
    const store = await deps.stores.state();
    expect((await check()).map((f) => f.finding.key)).toEqual(['doctor.rounds.none']);
    const people = Array.from({ length: 5_000 }, (_, i) => `u${i}`);
    await store.reminders.observe([{ reminderId: 'big', type: 'survey', title: 'x', due: '2026-12-10', to: people },
      { reminderId: 'old', type: 'survey', title: 'y', due: '2026-12-01', to: people }], Date.parse('2026-12-01T09:00:00+09:00'));
    await store.config.update((s) => {
      s.calendar = { ...DEFAULT_CALENDAR, window: { start: '09:00', end: '10:00' } };
      s.followUps = { survey: { daysBefore: [3, 1, 0], gapHours: 20 } };
    });
    const [finding] = await check();
    expect(finding).toMatchObject({ status: 'warn', finding: { key: 'doctor.rounds.tooMany', params: { type: 'survey', count: 5_000, capacity: 3_600, minutes: 60 } } });
    await store.config.update((s) => { s.calendar = DEFAULT_CALENDAR; });
    expect(await check()).toEqual([expect.objectContaining({ status: 'ok', finding: expect.objectContaining({ key: 'doctor.rounds.ok' }) })]);
  });
});
