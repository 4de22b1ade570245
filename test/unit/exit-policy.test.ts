import { describe, expect, it } from 'vitest';
import { judgeRun, parseFailOn } from '../../src/delivery/exit-policy.js';
import { CliError, ExitCode } from '../../src/errors/index.js';
import { parsePingUrl, pingUrlFor, shownPingTarget } from '../../src/runs/ping.js';

const skip = (recipient: string, reason: Parameters<typeof judgeRun>[0]['skips'][number]['reason']) => ({ reminderId: 'r', recipient, reason });
const judge = (over: Partial<Parameters<typeof judgeRun>[0]>) => judgeRun({ failOn: parseFailOn(undefined), failed: 0, pending: 0, skips: [], reachedNow: [], reachedBefore: undefined, ...over });

describe('the exit policy', () => {
  it('standing skips pass; a failure, a pending message or a newly unreachable person is exit 3', () => {
    expect(judge({ skips: [skip('E1', 'unlinked'), skip('E2', 'not-member')], reachedBefore: new Set(['E9']) }).exitCode).toBe(ExitCode.ok);
    expect(judge({ failed: 1 }).exitCode).toBe(ExitCode.partial);
    expect(judge({ pending: 1 }).exitCode).toBe(ExitCode.partial);
    const gone = judge({ skips: [skip('E1', 'contact-gone'), skip('E1', 'contact-gone')], reachedBefore: new Set(['E1', 'E2']), reachedNow: ['E3'] });
    expect(gone).toMatchObject({ exitCode: ExitCode.partial, newSkips: [{ recipient: 'E1', reason: 'contact-gone' }], reached: ['E2', 'E3'] });
  });

  it('someone gone from the user list (retired) is never a new skip, and leaves the reach', () => {
    expect(judge({ skips: [skip('E1', 'unknown-user')], reachedBefore: new Set(['E1']) })).toMatchObject({ exitCode: ExitCode.ok, newSkips: [], reached: [] });
  });

  it('the first run (no reach on record) has no new skips', () => {
    expect(judge({ skips: [skip('E1', 'unlinked')], reachedNow: ['E2'] })).toMatchObject({ exitCode: ExitCode.ok, reached: ['E2'] });
  });

  it('--fail-on chooses: skipped fails on standing skips, failed alone ignores new skips', () => {
    expect(judge({ failOn: parseFailOn(['skipped']), skips: [skip('E1', 'unlinked')] }).exitCode).toBe(ExitCode.partial);
    expect(judge({ failOn: parseFailOn(['skipped']), skips: [skip('E1', 'already-sent')] }).exitCode).toBe(ExitCode.ok);
    expect(judge({ failOn: parseFailOn(['failed']), skips: [skip('E1', 'unlinked')], reachedBefore: new Set(['E1']) }).exitCode).toBe(ExitCode.ok);
    expect(judge({ failOn: parseFailOn(['new-skips']), failed: 2 }).exitCode).toBe(ExitCode.ok);
  });

  it('--fail-on given twice or with an unknown value is a usage error', () => {
    for (const given of [['failed', 'skipped'], ['failed,maybe'], [',']]) {
      const error = (() => { try { parseFailOn(given); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(ExitCode.usage);
    }
    expect(parseFailOn(['new-skips, failed'])).toEqual(['new-skips', 'failed']);
  });
});

describe('ping URLs', () => {
  it('start, success and fail in healthchecks\' form, each with the rid; only scheme and host are ever shown', () => {
    const base = parsePingUrl('https://hc-ping.com/1f5a9c2e-secret/', '--ping');
    expect(pingUrlFor(base, 'start', 'R').href).toBe('https://hc-ping.com/1f5a9c2e-secret/start?rid=R');
    expect(pingUrlFor(base, 'success', 'R').href).toBe('https://hc-ping.com/1f5a9c2e-secret?rid=R');
    expect(pingUrlFor(base, 'fail', 'R').href).toBe('https://hc-ping.com/1f5a9c2e-secret/fail?rid=R');
    expect(shownPingTarget(base)).toBe('https://hc-ping.com');
    expect(() => parsePingUrl('not a url', '--ping')).toThrow(CliError);
    expect(() => parsePingUrl('file:///etc/passwd', 'HIMANAGER_CHATWORK_PING_URL')).toThrow(CliError);
  });
});
