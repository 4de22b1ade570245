import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/errors/index.js';
import { resolveEnvironment } from '../../src/env.js';
import { FENCE_TIMINGS_ENV, parseFenceTimings, PRODUCTION_FENCE_TIMINGS } from '../../src/store/fence-timings.js';

describe('the fencing times', () => {
  it('are the production values unless the environment shortens some of them', () => {
    expect(parseFenceTimings(undefined)).toEqual({ postTimeoutMs: 30_000, marginMs: 15_000, pingMs: 15_000, sessionTimeoutMs: 60_000 });
    expect(parseFenceTimings('postTimeoutMs=2000, marginMs=500')).toEqual({ ...PRODUCTION_FENCE_TIMINGS, postTimeoutMs: 2_000, marginMs: 500 });
    expect(resolveEnvironment({}, { HOME: '/tmp', [FENCE_TIMINGS_ENV]: 'pingMs=100' }).fenceTimings.pingMs).toBe(100);
  });

  it.each(['postTimeout=1', 'marginMs=0', 'pingMs=-5', 'sessionTimeoutMs=1.5', 'marginMs'])('refuses "%s", naming the variable (exit 2)', (value) => {
    const error = (() => { try { parseFenceTimings(value); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
    expect((error as UsageError).params).toMatchObject({ source: FENCE_TIMINGS_ENV, value });
  });
});
