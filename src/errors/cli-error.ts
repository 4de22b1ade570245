import type { MessageKey } from '../i18n/catalog.js';
import { catalog } from '../i18n/catalog.js';
import { format, type Params } from '../i18n/translate.js';

/** The one table of exit codes; the README repeats it. */
export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  partial: 3,
  auth: 4,
  locked: 5,
  cancelled: 130,
  /** The reader of stdout closed the pipe: 128 + SIGPIPE, what a shell reports for `… | head`. */
  brokenPipe: 141,
} as const;

/**
 * What each exit code means and what the on-call person does: the one table, shown under the
 * program's `--help` (src/cli/exit-codes-help.ts) and repeated in the README.
 */
export const EXIT_CODE_TABLE: { code: number; meaning: MessageKey; action: MessageKey }[] = [
  { code: ExitCode.ok, meaning: 'exit.meaning.ok', action: 'exit.action.ok' },
  { code: ExitCode.error, meaning: 'exit.meaning.error', action: 'exit.action.error' },
  { code: ExitCode.usage, meaning: 'exit.meaning.usage', action: 'exit.action.usage' },
  { code: ExitCode.partial, meaning: 'exit.meaning.partial', action: 'exit.action.partial' },
  { code: ExitCode.auth, meaning: 'exit.meaning.auth', action: 'exit.action.auth' },
  { code: ExitCode.locked, meaning: 'exit.meaning.locked', action: 'exit.action.locked' },
];

/** A catalog message; `prefix` is literal text put before it, such as `file.csv:12: `. */
export interface Message { key: MessageKey; params?: Params; prefix?: string }

/**
 * An error the user can act on. It carries a catalog key rather than text so that the
 * entry point can render it in the admin's language; `message` is the English text,
 * for logs and stack traces.
 */
export class CliError extends Error {
  readonly exitCode: number = ExitCode.error;
  readonly key: MessageKey;
  readonly params: Params;
  readonly hint?: Message;
  /** Lines under the message: each problem of an invalid file, say. */
  readonly details: Message[];
  /**
   * A server's own words (`invalid_grant: refresh token revoked`), kept out of the message,
   * which says what happened in the admin's language: shown only with --verbose and in --json.
   */
  readonly raw?: string;

  constructor(key: MessageKey, params: Params = {}, options: { hint?: Message; cause?: unknown; details?: Message[]; raw?: string } = {}) {
    super(format(catalog[key].en, params), { cause: options.cause });
    this.name = new.target.name;
    this.key = key;
    this.params = params;
    this.hint = options.hint;
    this.details = options.details ?? [];
    if (options.raw) this.raw = options.raw;
  }
}

export class UsageError extends CliError { override readonly exitCode = ExitCode.usage; }
export class AuthError extends CliError { override readonly exitCode = ExitCode.auth; }
export class LockedError extends CliError { override readonly exitCode = ExitCode.locked; }
export class CancelError extends CliError { override readonly exitCode = ExitCode.cancelled; }
/** What was to be saved was changed by someone else since it was read: nothing saved, so nobody's change is lost. */
export class ChangedMeanwhileError extends CliError {}
/** Already reported to the user in full: only the exit code remains to be set. */
export class SilentError extends CliError {
  override readonly exitCode: number;
  constructor(exitCode: number) {
    super('error.silent');
    this.exitCode = exitCode;
  }
}

export type SecretStoreProblem = 'unavailable' | 'locked' | 'timeout';

export class SecretStoreError extends CliError {
  constructor(readonly problem: SecretStoreProblem, params: Params, cause?: unknown) {
    super(`secrets.${problem}`, params, { hint: { key: 'secrets.hint.fileBackend' }, cause });
  }
}

/**
 * A Chatwork API answer that was not a success. Never carries the token. The message says
 * what the status means in the admin's language; Chatwork's English `errors` are `raw`.
 */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly endpoint: string,
    readonly apiMessages: string[],
  ) {
    super(apiErrorKey(status), { status, method, endpoint }, { raw: apiMessages.length ? apiMessages.join('; ') : undefined });
  }
}

/** The known statuses in words; any other keeps its number. */
function apiErrorKey(status: number): MessageKey {
  if (status === 401) return 'api.unauthorized';
  if (status === 403) return 'api.forbidden';
  if (status === 404) return 'api.notFound';
  if (status === 429) return 'api.rateLimited';
  if (status >= 500) return 'api.serverError';
  return 'api.error';
}

/**
 * A POST whose outcome is unknown: the request left, and no answer came back.
 * Retrying blindly could post twice; the delivery layer reconciles instead.
 */
export class AmbiguousRequestError extends CliError {
  constructor(readonly endpoint: string, cause: unknown) {
    super('api.ambiguous', { endpoint }, { cause });
  }
}

/** SIGTERM or Ctrl-C arrived while waiting (for the rate limit, a backoff): nothing was sent. */
export class InterruptedError extends CliError {
  override readonly exitCode = ExitCode.partial;
  constructor() {
    super('send.interrupted');
  }
}

/** An HTTP answer that ended before its body did (a dropped connection, a proxy cut). */
export class TruncatedResponseError extends CliError {
  constructor(readonly url: string, cause?: unknown) {
    super('http.truncated', { url }, { cause });
  }
}
