import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeps, type Deps } from '../../src/deps/deps.js';
import { resolveEnvironment } from '../../src/env.js';
import { AuthError, SecretStoreError } from '../../src/errors/index.js';
import { CHECKS } from '../../src/flows/doctor/checks.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Area, Check } from '../../src/flows/doctor/finding.js';
import { runCheck } from '../../src/flows/doctor/run-check.js';
import { createFakeClock } from '../helpers/fake-clock.js';

let dir: string;
const opened: Deps[] = [];
const newDeps = async () => {
  const deps = await createDeps(resolveEnvironment({ configDir: dir, lang: 'en', secretStore: 'file' }, { LANG: 'en_US.UTF-8' }),
    { streams: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, command: 'doctor', clock: createFakeClock() });
  opened.push(deps);
  return deps;
};
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'hmcw-doctor-run-check-')); });
afterEach(async () => {
  for (const deps of opened.splice(0)) await deps.stores.close();
  await rm(dir, { recursive: true, force: true });
});

/** A check of `area` whose lookup fails with `error`: what doctor reports for it. */
const failing = async (area: Area, error: unknown, id = 'x') => runCheck({ id, area, run: async () => { throw error; } } satisfies Check, new DoctorContext(await newDeps()));

describe('doctor: a check whose lookup fails', () => {
  it('a login problem is told once, by the auth check: the others say they were not checked', async () => {
    const auth = new AuthError('login.timeout', { seconds: 5 });
    expect(await failing('links', auth)).toEqual([{ status: 'warn', finding: { key: 'doctor.notChecked', params: { area: 'auth' } } }]);
    expect(await failing('auth', auth)).toEqual([expect.objectContaining({ status: 'fail', finding: expect.objectContaining({ key: 'doctor.auth.failed' }), remedy: { key: 'doctor.fix.login', params: undefined } })]);
    // The secret store's check reads the tokens: a login problem there is its own finding too.
    expect(await failing('secrets', auth)).toEqual([expect.objectContaining({ status: 'fail', finding: expect.objectContaining({ key: 'doctor.auth.failed' }) })]);
  });

  it('a keychain problem is told once, by the secrets check, in its own words', async () => {
    const locked = new SecretStoreError('locked', { detail: 'no unlock' });
    expect(await failing('auth', locked)).toEqual([{ status: 'warn', finding: { key: 'doctor.notChecked', params: { area: 'secrets' } } }]);
    expect(await failing('secrets', locked)).toEqual([{ status: 'fail', finding: { key: 'doctor.secrets.locked', params: { detail: 'no unlock' } }, remedy: { key: 'doctor.fix.fileBackend', params: undefined } }]);
  });

  it('anything else fails the check itself, with its message and the remedy to look closer', async () => {
    expect(await failing('delivery', new Error('disk on fire'))).toEqual([{ status: 'fail', finding: { key: 'doctor.lookupFailed', params: { detail: 'disk on fire' } }, remedy: { key: 'doctor.fix.verbose', params: undefined } }]);
  });

  it('a store moved elsewhere: the state check names where it went and how to point at it; the checks that need the store are not run', async () => {
    const deps = await newDeps();
    await (await deps.stores.state()).moved.set({ location: '/srv/state.db', at: Date.UTC(2026, 10, 1), host: 'old-host', runId: 'run-9' });
    const ctx = new DoctorContext(await newDeps());
    const state = CHECKS.find((c) => c.id === 'state')!;
    const [finding, ...rest] = await runCheck(state, ctx);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ status: 'fail', finding: { key: 'doctor.state.moved', params: { location: '/srv/state.db', host: 'old-host' } }, remedy: { key: 'state.movedHint' } });
    expect(finding!.remedy!.params).toEqual(finding!.finding.params);
    expect(await runCheck(CHECKS.find((c) => c.id === 'ledger')!, ctx)).toEqual([]);
  });
});
