import { AuthError, CliError, errorInWords, fileSystemError, SecretStoreError, type Message } from '../../errors/index.js';
import type { Translate } from '../../i18n/translate.js';
import type { DoctorContext } from './context.js';

/** What a check finds: ok, warn or fail, in catalog words, with the command that fixes it. */
export type Status = 'ok' | 'warn' | 'fail';
export type Area = 'runtime' | 'secrets' | 'auth' | 'rateLimit' | 'links' | 'destinations' | 'delivery' | 'sandbox';

export interface Finding { status: Status; finding: Message; remedy?: Message }
export interface Check { id: string; area: Area; run(ctx: DoctorContext): Promise<Finding | Finding[]> }

export const ok = (key: Message['key'], params?: Message['params']): Finding => ({ status: 'ok', finding: { key, params } });
export const warn = (key: Message['key'], params: Message['params'], remedy: Message['key'], remedyParams?: Message['params']): Finding =>
  ({ status: 'warn', finding: { key, params }, remedy: { key: remedy, params: remedyParams } });
export const fail = (key: Message['key'], params: Message['params'], remedy: Message['key'], remedyParams?: Message['params']): Finding =>
  ({ status: 'fail', finding: { key, params }, remedy: { key: remedy, params: remedyParams } });

/** Turns what a lookup threw into a finding: a locked keychain, a rejected token and a missing secret are different problems. */
export function findingFor(error: unknown, t: Translate): Finding {
  if (error instanceof SecretStoreError) {
    return fail(`doctor.secrets.${error.problem}` as Message['key'], { detail: String(error.params.detail ?? error.params.seconds ?? '') }, 'doctor.fix.fileBackend');
  }
  if (error instanceof AuthError) return fail('doctor.auth.failed', { detail: errorInWords(error, t) }, 'doctor.fix.login');
  // An error the admin can act on keeps its own words and remedy, in the admin's language.
  const mapped = fileSystemError(error);
  if (mapped instanceof CliError) return { status: 'fail', finding: { key: mapped.key, params: mapped.params }, remedy: mapped.hint ?? { key: 'doctor.fix.verbose' } };
  return fail('doctor.lookupFailed', { detail: error instanceof Error ? error.message : String(error) }, 'doctor.fix.verbose');
}
