import { AuthError, SecretStoreError } from '../errors.js';
import { movedParams, StateMovedError } from '../state/moved.js';
import type { DoctorContext } from './context.js';
import { findingFor, type Area, type Check, type Finding } from './finding.js';

/** One check, its errors turned into findings as doctor reports them (doctor and the console's pages). */
export async function runCheck(check: Check, ctx: DoctorContext): Promise<Finding[]> {
  try {
    const result = await check.run(ctx);
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    // A moved store: the state check names it, with the remedy; the checks that need the store are not run.
    if (error instanceof StateMovedError) {
      if (check.id !== 'state') return [];
      const params = movedParams(error.source, error.marker);
      return [{ status: 'fail', finding: { key: 'doctor.state.moved', params }, remedy: { key: 'state.movedHint', params } }];
    }
    // A check that only needs a working login or keychain says so once, where that is checked.
    const owner: Area | undefined = error instanceof AuthError ? 'auth' : error instanceof SecretStoreError ? 'secrets' : undefined;
    if (owner && owner !== check.area && !(owner === 'auth' && check.area === 'secrets')) {
      return [{ status: 'warn', finding: { key: 'doctor.notChecked', params: { area: owner } } }];
    }
    return [findingFor(error, ctx.deps.t)];
  }
}
