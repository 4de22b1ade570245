import { describe, expect, it } from 'vitest';
import { judgeRun, parseFailOn, type FailOn } from '../../src/delivery/exit-policy.js';
import type { Skip, SkipReason } from '../../src/delivery/plan.js';
import { UsageError } from '../../src/errors/index.js';

const skip = (recipient: string, reason: SkipReason, reminderId = 'r'): Skip => ({ reminderId, recipient, reason });
const judge = (over: Partial<Parameters<typeof judgeRun>[0]>) =>
  judgeRun({ failOn: parseFailOn(undefined), failed: 0, pending: 0, skips: [], reachedNow: [], reachedBefore: undefined, ...over });

describe('the exit policy at its boundaries', () => {
  it('nothing failed, nothing pending, nobody lost: exit 0, whatever --fail-on says', () => {
    for (const failOn of [['failed'], ['new-skips'], ['skipped'], ['failed', 'new-skips', 'skipped']] as FailOn[][]) {
      expect(judge({ failOn, reachedNow: ['E1'], reachedBefore: new Set(['E1']) })).toEqual({ exitCode: 0, newSkips: [], problemSkips: 0, reached: ['E1'] });
    }
  });

  it('one failure is exit 3 under the default and under failed; under new-skips or skipped alone it is not', () => {
    expect(judge({ failed: 1 }).exitCode).toBe(3);
    expect(judge({ failed: 1, failOn: ['failed'] }).exitCode).toBe(3);
    expect(judge({ pending: 1, failOn: ['failed'] }).exitCode).toBe(3);
    expect(judge({ failed: 1, pending: 1, failOn: ['skipped'] }).exitCode).toBe(0);
  });

  it('a person the last run reached and this run cannot reach (unlinked, contact gone, not a member) is a new skip: exit 3', () => {
    for (const reason of ['unlinked', 'contact-gone', 'not-member'] as SkipReason[]) {
      const verdict = judge({ skips: [skip('E1', reason)], reachedBefore: new Set(['E1']) });
      expect(verdict).toEqual({ exitCode: 3, newSkips: [{ recipient: 'E1', reason }], problemSkips: 1, reached: [] });
    }
  });

  it('the same person skipped for the last run\'s reach but NOT before: a standing skip, exit 0', () => {
    expect(judge({ skips: [skip('E1', 'unlinked')], reachedBefore: new Set(['E2']) })).toEqual({ exitCode: 0, newSkips: [], problemSkips: 1, reached: ['E2'] });
  });

  it('skips that say nothing of reach (no destination, in flight, already sent) are no new skips and leave the reach as it was', () => {
    for (const reason of ['no-destination', 'in-flight', 'already-sent', 'off', 'on-leave'] as SkipReason[]) {
      const verdict = judge({ skips: [skip('E1', reason)], reachedBefore: new Set(['E1']) });
      expect(verdict.exitCode, reason).toBe(0);
      expect(verdict.newSkips).toEqual([]);
      expect(verdict.reached).toEqual(['E1']);
    }
  });

  it('a new skip counts once, with its first reason, however many reminders skipped the person', () => {
    const verdict = judge({ skips: [skip('E1', 'not-member', 'r1'), skip('E1', 'unlinked', 'r2'), skip('E2', 'contact-gone')], reachedBefore: new Set(['E1', 'E2']) });
    expect(verdict.newSkips).toEqual([{ recipient: 'E1', reason: 'not-member' }, { recipient: 'E2', reason: 'contact-gone' }]);
    expect(verdict.problemSkips).toBe(3);
  });

  it('reach: this run\'s people and the last run\'s, less anyone unreachable now, sorted', () => {
    const verdict = judge({ skips: [skip('E2', 'unlinked'), skip('E5', 'unknown-user')], reachedNow: ['E9', 'E2', 'E3'], reachedBefore: new Set(['E1', 'E2', 'E5']) });
    expect(verdict.reached).toEqual(['E1', 'E3', 'E9']);
    expect(verdict.newSkips).toEqual([{ recipient: 'E2', reason: 'unlinked' }]);
  });

  it('--fail-on skipped: one problem skip is exit 3; only harmless skips are exit 0', () => {
    expect(judge({ failOn: ['skipped'], skips: [skip('E1', 'no-destination')] })).toMatchObject({ exitCode: 3, problemSkips: 1 });
    const harmless = (['off', 'already-sent', 'already-deferred', 'outside-window', 'recalled', 'too-long', 'retired', 'on-leave'] as SkipReason[]).map((r, i) => skip(`E${i}`, r));
    expect(judge({ failOn: ['skipped'], skips: harmless })).toMatchObject({ exitCode: 0, problemSkips: 0 });
  });

  it('--fail-on new-skips alone: a new skip is exit 3, a failure is not', () => {
    expect(judge({ failOn: ['new-skips'], skips: [skip('E1', 'unlinked')], reachedBefore: new Set(['E1']) }).exitCode).toBe(3);
    expect(judge({ failOn: ['new-skips'], failed: 5, pending: 5 }).exitCode).toBe(0);
  });
});

describe('--fail-on', () => {
  it('absent or empty: failed and new-skips', () => {
    expect(parseFailOn(undefined)).toEqual(['failed', 'new-skips']);
    expect(parseFailOn([])).toEqual(['failed', 'new-skips']);
  });

  it('a list with spaces, repeats and empty items is read as the set it names', () => {
    expect(parseFailOn([' skipped , failed,,skipped '])).toEqual(['skipped', 'failed']);
    expect(parseFailOn(['new-skips'])).toEqual(['new-skips']);
  });

  it('nothing named, or an unknown value, is a usage error that names the value and the valid ones', () => {
    for (const given of [[''], [' , '], ['failed,Skipped']]) {
      expect(() => parseFailOn(given)).toThrow(UsageError);
    }
    expect(() => parseFailOn(['nope'])).toThrow(expect.objectContaining({ key: 'failOn.bad', params: { value: 'nope', valid: 'failed, skipped, new-skips' } }));
    expect(() => parseFailOn(['failed', 'failed'])).toThrow(expect.objectContaining({ key: 'failOn.twice' }));
  });
});
