import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { DEFAULT_MAX_RUN_AGE_MS, parseMaxRunAge, RUN_CHECKS } from '../../src/flows/doctor/checks-runs.js';
import { DELIVERY_CHECKS } from '../../src/flows/doctor/checks-delivery.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Check, Finding } from '../../src/flows/doctor/finding.js';
import { resolveEnvironment } from '../../src/env.js';
import { UsageError } from '../../src/errors/index.js';
import type { Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { plantRunLock } from '../helpers/state.js';

/** 2026-11-24 (Tue) 10:00 JST. */
const NOW = Date.UTC(2026, 10, 24, 1, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dir: string;
let deps: Deps;
let store: Store;
let clock: ReturnType<typeof createFakeClock>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hmcw-doctor-runs-'));
  deps = await createDeps(resolveEnvironment({ configDir: dir, lang: 'en', secretStore: 'file' }, { LANG: 'en_US.UTF-8' }),
    { streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, command: 'doctor', clock: clock = createFakeClock(NOW) });
  store = await deps.stores.state();
});
afterEach(async () => {
  await deps.stores.close();
  await rm(dir, { recursive: true, force: true });
});

const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;
const check = async (checks: Check[], id: string, options: { maxRunAgeMs?: number } = {}) =>
  [await byId(checks, id).run(new DoctorContext(deps, options))].flat() as Finding[];
const cron = (options?: { maxRunAgeMs?: number }) => check(RUN_CHECKS, 'cron', options);
const ledger = () => check(DELIVERY_CHECKS, 'ledger');
const keys = (found: Finding[]) => found.map((f) => `${f.status} ${f.finding.key}`);

/** A finished send-reminders run as the run's lifecycle records it, ending `endedAt`. */
async function finished(exitCode: number, endedAt: number, counts: Record<string, number> = {}) {
  await store.runs.record({
    runId: `run-${endedAt}-${exitCode}`, command: 'send-reminders', host: 'h', pid: 1, version: 'test',
    startedAt: endedAt - 60_000, endedAt, exitCode, counts,
  });
}

describe('doctor: the last send-reminders run', () => {
  it('exit 0 is fine: the cron check says when it finished and warns of nothing', async () => {
    await finished(0, NOW - HOUR, { failed: 0, newSkips: 0 });
    expect(await cron()).toEqual([{ status: 'ok', finding: { key: 'doctor.cron.ok', params: { at: NOW - HOUR } } }]);
  });

  it('exit 3 is NOT fine: a warning with the exit code, what failed and who became unreachable, and the remedy', async () => {
    await finished(3, NOW - HOUR, { failed: 2, newSkips: 1, delivered: 40 });
    const found = await cron();
    expect(keys(found)).toEqual(['ok doctor.cron.ok', 'warn doctor.cron.lastFailed']);
    expect(found[1]).toEqual({
      status: 'warn', finding: { key: 'doctor.cron.lastFailed', params: { at: NOW - HOUR, code: 3, failed: 2, newSkips: 1 } },
      remedy: { key: 'doctor.fix.lastRun', params: undefined },
    });
  });

  it('any other non-zero exit (1, 5) is not fine either; counts it did not record read 0', async () => {
    await finished(1, NOW - HOUR, { reasons: 3 } as unknown as Record<string, number>);
    expect((await cron())[1]).toMatchObject({ status: 'warn', finding: { params: { code: 1, failed: 0, newSkips: 0 } } });
    await finished(5, NOW - 1000, {});
    expect((await cron())[1]).toMatchObject({ status: 'warn', finding: { params: { code: 5, failed: 0, newSkips: 0 } } });
  });

  it('only the LAST run counts: a failed run followed by a clean one is fine', async () => {
    await finished(3, NOW - 2 * HOUR, { failed: 1 });
    await finished(0, NOW - HOUR);
    expect(keys(await cron())).toEqual(['ok doctor.cron.ok']);
    expect(keys(await ledger())).toContain('ok doctor.run.ok');
  });

  it('never run: the cron check says nothing (the ledger check says "not run yet")', async () => {
    expect(await cron()).toEqual([]);
    expect(keys(await ledger())).toEqual(['ok doctor.ledger.ok', 'ok doctor.run.never']);
  });

  it('the ledger check shows a last run that exited 0 as fine, with its counts; one that exited 3 is not shown as fine', async () => {
    await store.deliveries.runFinished({ delivered: 7, failed: 0, skipped: 2, exitCode: 0, startedAt: NOW - HOUR }, NOW - HOUR + 5000);
    const clean = await ledger();
    expect(keys(clean)).toEqual(['ok doctor.ledger.ok', 'ok doctor.run.ok']);
    expect(clean[1]!.finding.params).toEqual({ at: NOW - HOUR + 5000, delivered: 7, failed: 0, skipped: 2, code: 0 });
    await store.deliveries.runFinished({ delivered: 7, failed: 1, skipped: 2, exitCode: 3, startedAt: NOW - 10_000 }, NOW - 5000);
    expect(keys(await ledger())).toEqual(['ok doctor.ledger.ok']);
  });
});

describe('doctor: cron looks stopped', () => {
  it('a last run exactly the allowed age ago is fine; one millisecond older is stale (default: 3 days)', async () => {
    await finished(0, NOW - DEFAULT_MAX_RUN_AGE_MS);
    expect(keys(await cron())).toEqual(['ok doctor.cron.ok']);
    clock.advance(1);
    const [stale] = await cron();
    expect(stale).toEqual({
      status: 'warn',
      finding: { key: 'doctor.cron.stale', params: { ago: deps.t('doctor.age.days', { count: 3 }), at: NOW - DEFAULT_MAX_RUN_AGE_MS, max: deps.t('doctor.age.days', { count: 3 }) } },
      remedy: { key: 'doctor.fix.cronStopped', params: undefined },
    });
  });

  it('--max-run-age sets the limit; ages are told in the largest whole unit (days, hours, minutes)', async () => {
    // Each case: a run finishes now, then `age` passes.
    const words = async (age: number, max: number) => {
      await finished(0, clock.now());
      clock.advance(age);
      const [found] = await cron({ maxRunAgeMs: max });
      return found!.finding.key === 'doctor.cron.stale' ? [found!.finding.params!.ago, found!.finding.params!.max] : 'ok';
    };
    expect(await words(HOUR, HOUR)).toBe('ok');
    expect(await words(HOUR + 1, HOUR)).toEqual([deps.t('doctor.age.hours', { count: 1 }), deps.t('doctor.age.hours', { count: 1 })]);
    expect(await words(DAY - 1, 90 * 60_000)).toEqual([deps.t('doctor.age.hours', { count: 23 }), deps.t('doctor.age.hours', { count: 1 })]);
    expect(await words(DAY, 59 * 60_000)).toEqual([deps.t('doctor.age.days', { count: 1 }), deps.t('doctor.age.minutes', { count: 59 })]);
    expect(await words(2 * DAY + 23 * HOUR, DAY - 1)).toEqual([deps.t('doctor.age.days', { count: 2 }), deps.t('doctor.age.hours', { count: 23 })]);
    expect(await words(HOUR - 1, 60_000)).toEqual([deps.t('doctor.age.minutes', { count: 59 }), deps.t('doctor.age.minutes', { count: 1 })]);
    expect(await words(90_000, 1)).toEqual([deps.t('doctor.age.minutes', { count: 1 }), deps.t('doctor.age.minutes', { count: 0 })]);
  });

  it('a stale run that also exited 3 gives both warnings', async () => {
    await finished(3, NOW - 4 * DAY, { failed: 1 });
    expect(keys(await cron())).toEqual(['warn doctor.cron.stale', 'warn doctor.cron.lastFailed']);
  });

  it('--max-run-age reads 2d, 36h, 90m (spaces around allowed); 0, a fraction, another unit or text are usage errors', () => {
    expect(parseMaxRunAge('2d')).toBe(2 * DAY);
    expect(parseMaxRunAge(' 36h ')).toBe(36 * HOUR);
    expect(parseMaxRunAge('90 m')).toBe(90 * 60_000);
    expect(parseMaxRunAge('1m')).toBe(60_000);
    for (const bad of ['0d', '00h', '1.5h', '2w', 'd', '2', 'soon', '', 'x2d', '2dx']) {
      expect(() => parseMaxRunAge(bad), bad).toThrow(UsageError);
    }
    expect(() => parseMaxRunAge('soon')).toThrow(expect.objectContaining({ key: 'doctor.badMaxRunAge', params: { value: 'soon' } }));
  });
});

describe('doctor: held deliveries past their window', () => {
  const window = () => check(DELIVERY_CHECKS, 'send-window');
  /** A survey delivery held for the send window until `until`. */
  const hold = (key: string, until: number) => store.deliveries.defer({
    key, roomId: 500, pairs: [[`r-${key}`, 'E1']], bodyHash: 'h', type: 'survey', at: NOW - DAY, body: 'hello', until,
  });
  /** A send-reminders run that started `startedAt` (JST wall time). */
  const ranAt = (iso: string) => store.runs.record({
    runId: iso, command: 'send-reminders', host: 'h', pid: 1, version: 't', startedAt: Date.parse(iso), endedAt: Date.parse(iso) + 1000, exitCode: 0, counts: {},
  });

  it('a delivery held until exactly one hour ago is still fine; one held a millisecond longer is warned about, with the cron to add', async () => {
    await hold('a', NOW - HOUR);
    expect(await window()).toEqual([{ status: 'ok', finding: { key: 'doctor.window.ok', params: { deferred: 1 } } }]);
    await hold('b', NOW - HOUR - 1);
    expect(await window()).toEqual([{
      status: 'warn', finding: { key: 'doctor.window.outside', params: { runs: 0, deferred: 2, window: '09:00-18:00 Asia/Tokyo' } },
      remedy: { key: 'doctor.fix.cronWindow', params: { start: 9 } },
    }]);
  });

  it('a delivery held for a window still to come is fine, however many are waiting', async () => {
    await hold('a', NOW + DAY);
    await hold('b', NOW);
    expect(await window()).toEqual([{ status: 'ok', finding: { key: 'doctor.window.ok', params: { deferred: 2 } } }]);
  });

  it('two runs, both outside the window, while a type waits for it: warned even with nothing held yet (no count of 0)', async () => {
    await store.config.update((c) => { c.calendar = { ...DEFAULT_CALENDAR, window: { start: '08:30', end: '17:00' } }; });
    await ranAt('2026-11-23T20:00:00+09:00');
    expect(keys(await window())).toEqual(['ok doctor.window.ok']);
    await ranAt('2026-11-23T21:00:00+09:00');
    expect(await window()).toEqual([{
      status: 'warn', finding: { key: 'doctor.window.outsideNone', params: { runs: 2, deferred: 0, window: '08:30-17:00 Asia/Tokyo' } },
      remedy: { key: 'doctor.fix.cronWindow', params: { start: 8 } },
    }]);
  });

  it('one run inside the window among them is fine; so are runs outside it when no type waits for the window', async () => {
    await ranAt('2026-11-23T20:00:00+09:00');
    await ranAt('2026-11-24T09:00:00+09:00');
    expect(keys(await window())).toEqual(['ok doctor.window.ok']);
    await ranAt('2026-11-24T21:00:00+09:00');
    await ranAt('2026-11-24T22:00:00+09:00');
    expect(keys(await window())).toEqual(['ok doctor.window.ok']);
    // Only the last ten runs count, all outside now.
    for (let i = 0; i < 8; i += 1) await ranAt(`2026-11-24T23:0${i}:00+09:00`);
    expect(keys(await window())).toEqual(['warn doctor.window.outsideNone']);
    await store.config.update((c) => { c.calendar = { ...DEFAULT_CALENDAR, policy: { praise: 'send', survey: 'send', 'update-survey': 'send' } }; });
    expect(keys(await window())).toEqual(['ok doctor.window.ok']);
  });
});

describe('doctor: what the ledger holds', () => {
  it('a delivery in flight is warned about with the remedy (run again); a clean ledger only says where it is and how many went', async () => {
    expect((await ledger())[0]).toEqual({ status: 'ok', finding: { key: 'doctor.ledger.ok', params: { path: store.info.location, sent: 0 } } });
    await store.deliveries.intent({ key: 'k1', roomId: 500, pairs: [['r1', 'E1']], bodyHash: 'h', type: 'praise', at: NOW - 1000 });
    const found = await ledger();
    expect(found[1]).toEqual({ status: 'warn', finding: { key: 'doctor.ledger.inFlight', params: { count: 1 } }, remedy: { key: 'doctor.fix.rerun', params: undefined } });
  });

  it('deliveries refused as too long are warned about with examples (reminder → person)', async () => {
    const { TOO_LONG } = await import('../../src/delivery/too-long.js');
    await store.deliveries.refused({ key: 'k2', roomId: 500, pairs: [['r2', 'E2']], bodyHash: 'h', type: 'praise', at: NOW - 1000 }, TOO_LONG);
    expect((await ledger()).find((f) => f.finding.key === 'doctor.ledger.tooLong')).toEqual({
      status: 'warn', finding: { key: 'doctor.ledger.tooLong', params: { count: 1, examples: 'r2 → E2' } }, remedy: { key: 'doctor.fix.tooLong', params: undefined },
    });
  });
});

describe('doctor: the run lock', () => {
  const lock = () => check(DELIVERY_CHECKS, 'lock');
  it('no holder: fine; a holder still beating: a run is going on, fine; one whose heartbeat stopped: stale, warned with the remedy', async () => {
    expect(await lock()).toEqual([{ status: 'ok', finding: { key: 'doctor.lock.none', params: undefined } }]);
    plantRunLock(dir, { pid: 1, host: 'other-host', since: NOW - 60_000, heartbeat: NOW });
    const owner = { host: 'other-host', pid: 1, since: NOW - 60_000 };
    expect(await lock()).toEqual([{ status: 'ok', finding: { key: 'doctor.lock.running', params: owner } }]);
    plantRunLock(dir, { pid: 1, host: 'other-host', since: NOW - 60_000, heartbeat: NOW - HOUR });
    expect(await lock()).toEqual([{ status: 'warn', finding: { key: 'doctor.lock.stale', params: owner }, remedy: { key: 'doctor.fix.staleLock', params: undefined } }]);
  });
});

describe('doctor: which Chatwork this talks to', () => {
  const endpoint = async (env: Partial<Deps['env']>) => {
    const { ENDPOINT_CHECKS } = await import('../../src/flows/doctor/checks-chatwork.js');
    return [await ENDPOINT_CHECKS[0]!.run(new DoctorContext({ ...deps, env: { ...deps.env, ...env } }))].flat();
  };
  it('the real one: fine; any of the API, authorize or token URL elsewhere: a warning naming the API URL', async () => {
    expect(await endpoint({})).toEqual([{ status: 'ok', finding: { key: 'doctor.sandbox.real', params: undefined } }]);
    const warned = { status: 'warn', finding: { key: 'doctor.sandbox.custom', params: { url: deps.env.apiUrl } }, remedy: { key: 'doctor.fix.sandbox', params: undefined } };
    expect(await endpoint({ tokenUrl: 'http://127.0.0.1:9/token' })).toEqual([warned]);
    expect(await endpoint({ authorizeUrl: 'http://127.0.0.1:9/authorize' })).toEqual([warned]);
    expect(await endpoint({ apiUrl: 'http://127.0.0.1:9/v2' })).toEqual([{ ...warned, finding: { key: 'doctor.sandbox.custom', params: { url: 'http://127.0.0.1:9/v2' } } }]);
  });
});

describe('doctor: a history large enough to prune', () => {
  /** The ledger check over this store, its size figures as given (a store of 2 M rows is not built in a unit test). */
  const withFigures = async (figures: { deliveries?: number; sizeBytes?: number }) => {
    const ctx = new DoctorContext(deps);
    const real = await ctx.store();
    const stats = await real.stats();
    ctx.store = async () => Object.assign(Object.create(real) as Store, { stats: async () => ({ ...stats, ...figures }) });
    return [await byId(DELIVERY_CHECKS, 'ledger').run(ctx)].flat().filter((f) => f.finding.key === 'doctor.history.large');
  };

  it('2,000,000 deliveries and 1 GB are still fine; one more of either is a warning with the prune remedy', async () => {
    expect(await withFigures({ deliveries: 2_000_000, sizeBytes: 1_000_000_000 })).toEqual([]);
    expect(await withFigures({ deliveries: 2_000_001, sizeBytes: 10 })).toEqual([{
      status: 'warn', finding: { key: 'doctor.history.large', params: { deliveries: 2_000_001, megabytes: 0 } }, remedy: { key: 'doctor.fix.prune', params: undefined },
    }]);
    expect(await withFigures({ deliveries: 5, sizeBytes: 1_000_000_001 })).toEqual([expect.objectContaining({ finding: { key: 'doctor.history.large', params: { deliveries: 5, megabytes: 1000 } } })]);
  });

  it('several deliveries refused as too long: the examples are listed, separated', async () => {
    const { TOO_LONG } = await import('../../src/delivery/too-long.js');
    await store.deliveries.refused({ key: 'k2', roomId: 500, pairs: [['r2', 'E2']], bodyHash: 'h', type: 'praise', at: NOW - 2000 }, TOO_LONG);
    await store.deliveries.refused({ key: 'k3', roomId: 500, pairs: [['r3', 'E3']], bodyHash: 'h', type: 'praise', at: NOW - 1000 }, TOO_LONG);
    const found = (await ledger()).find((f) => f.finding.key === 'doctor.ledger.tooLong')!;
    expect(found.finding.params!.count).toBe(2);
    expect(String(found.finding.params!.examples).split(', ').sort()).toEqual(['r2 → E2', 'r3 → E3']);
  });
});

describe('doctor: follow-ups against the send window', () => {
  it('every type with a schedule is named when they fit, with the window\'s capacity', async () => {
    const { ROUND_CHECKS } = await import('../../src/flows/doctor/checks-rounds.js');
    await store.config.update((c) => { c.followUps = { praise: { daysBefore: [1], gapHours: 20 }, survey: { daysBefore: [3, 1], gapHours: 20 } }; });
    expect([await ROUND_CHECKS[0]!.run(new DoctorContext(deps))].flat()).toEqual([
      { status: 'ok', finding: { key: 'doctor.rounds.ok', params: { types: 'praise, survey', capacity: 32_400 } } },
    ]);
  });
});
