import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV, parseFenceTimings, PRODUCTION_FENCE_TIMINGS } from '../../src/store/fence-timings.js';

/** HIMANAGER_CHATWORK_FENCE_TIMINGS on its edges: only the four names, each a whole number of ms above zero. */
const refused = (value: string) => {
  const error = (() => { try { parseFenceTimings(value); } catch (e) { return e; } })();
  expect(error, value).toBeInstanceOf(UsageError);
  expect((error as UsageError).params).toEqual({ source: FENCE_TIMINGS_ENV, value });
};

describe('the fencing times from the environment', () => {
  it('take 1 ms, empty parts and spaces; an empty value is the production times', () => {
    expect(parseFenceTimings('pingMs=1,, sessionTimeoutMs=2 ,')).toEqual({ ...PRODUCTION_FENCE_TIMINGS, pingMs: 1, sessionTimeoutMs: 2 });
    expect(parseFenceTimings('')).toEqual(PRODUCTION_FENCE_TIMINGS);
    expect(parseFenceTimings(' , ')).toEqual(PRODUCTION_FENCE_TIMINGS);
  });

  it('refuse a name an object has but the times do not (toString, constructor, __proto__), and a part with no name', () => {
    for (const value of ['toString=5', 'constructor=1', '__proto__=1', 'hasOwnProperty=1', '=5']) refused(value);
  });

  it('refuse a value that is not a whole number of milliseconds above zero, naming only the part at fault', () => {
    for (const value of ['pingMs=', 'pingMs=abc', 'pingMs=1e400', 'pingMs=0.5']) refused(value);
    const error = (() => { try { parseFenceTimings('marginMs=5, pingMs=x'); } catch (e) { return e; } })();
    expect((error as UsageError).params).toEqual({ source: FENCE_TIMINGS_ENV, value: 'pingMs=x' });
  });
});
