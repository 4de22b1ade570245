import type { MessageKey } from './i18n/catalog.js';
import { catalog } from './i18n/catalog.js';
import { format, type Params, type Translate } from './i18n/translate.js';
import { maskUrls } from './io/mask.js';

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

  constructor(key: MessageKey, params: Params = {}, options: { hint?: Message; cause?: unknown; details?: Message[] } = {}) {
    super(format(catalog[key].en, params), { cause: options.cause });
    this.name = new.target.name;
    this.key = key;
    this.params = params;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export class UsageError extends CliError { override readonly exitCode = ExitCode.usage; }
export class AuthError extends CliError { override readonly exitCode = ExitCode.auth; }
export class LockedError extends CliError { override readonly exitCode = ExitCode.locked; }
export class CancelError extends CliError { override readonly exitCode = ExitCode.cancelled; }
export class PartialDeliveryError extends CliError { override readonly exitCode = ExitCode.partial; }
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

/** A Chatwork API answer that was not a success. Never carries the token. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly endpoint: string,
    readonly apiMessages: string[],
  ) {
    super('api.error', {
      status,
      method,
      endpoint,
      detail: apiMessages.length ? apiMessages.join('; ') : '-',
    });
  }
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

/** What the operating system said, as the admin can act on it: disk full, read-only, no permission. */
const FILE_SYSTEM_CAUSES = {
  ENOSPC: 'fs.diskFull',
  EDQUOT: 'fs.quota',
  EROFS: 'fs.readOnly',
  EACCES: 'fs.denied',
  EPERM: 'fs.denied',
} as const satisfies Record<string, MessageKey>;

export class FileSystemError extends CliError {
  constructor(readonly code: keyof typeof FILE_SYSTEM_CAUSES, readonly path: string, cause: unknown) {
    super(FILE_SYSTEM_CAUSES[code], { path }, { cause, hint: { key: `${FILE_SYSTEM_CAUSES[code]}.hint` as MessageKey, params: { path } } });
  }
}

/**
 * For every write of state (a store, the secrets file, an export): turns ENOSPC, EDQUOT,
 * EROFS, EACCES and EPERM into an error that names the cause and the path; anything else
 * is returned as it was. Use as `catch (error) { throw fileSystemError(error, path) }`.
 */
export function fileSystemError(error: unknown, path?: string): unknown {
  if (error instanceof CliError) return error;
  const code = causeCode(error);
  if (code === undefined) return error;
  const where = path ?? (error as NodeJS.ErrnoException).path ?? '?';
  return new FileSystemError(code as keyof typeof FILE_SYSTEM_CAUSES, where, error);
}

/** A file that cannot be read, said in words rather than as a raw errno code. */
export function unreadableFile(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new UsageError('file.missing', { path }, { cause: error });
  if (code === 'EISDIR') return new UsageError('file.isDirectory', { path }, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new UsageError('file.noPermission', { path }, { cause: error });
  return new UsageError('file.unreadable', { path, reason: code ?? String(error) }, { cause: error });
}

/** SIGTERM or Ctrl-C arrived while waiting (for the rate limit, a backoff): nothing was sent. */
export class InterruptedError extends CliError {
  override readonly exitCode = ExitCode.partial;
  constructor() {
    super('send.interrupted');
  }
}

/**
 * The errno code, or its equivalent from a database: node:sqlite reports SQLITE_FULL (13),
 * SQLITE_READONLY (8) and SQLITE_PERM (3) in `errcode`, PostgreSQL disk_full as 53100.
 */
function causeCode(error: unknown): keyof typeof FILE_SYSTEM_CAUSES | undefined {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code in FILE_SYSTEM_CAUSES) return code as keyof typeof FILE_SYSTEM_CAUSES;
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
    return ({ 13: 'ENOSPC', 8: 'EROFS', 3: 'EPERM' } as const)[(errcode & 0xff) as 13 | 8 | 3];
  }
  if (code === '53100') return 'ENOSPC';
  return undefined;
}

/** An HTTP answer that ended before its body did (a dropped connection, a proxy cut). */
export class TruncatedResponseError extends CliError {
  constructor(readonly url: string, cause?: unknown) {
    super('http.truncated', { url }, { cause });
  }
}

export function exitCodeFor(error: unknown): number {
  const mapped = fileSystemError(error);
  return mapped instanceof CliError ? mapped.exitCode : ExitCode.error;
}

/**
 * One place that turns any error into lines for stderr, in the admin's language. A URL's
 * credentials and query values never show; the caller writes the lines through the io,
 * which masks every known secret as well.
 */
export function renderError(error: unknown, t: Translate, verbose: boolean): string[] {
  return describeError(fileSystemError(error), t, verbose).map(maskUrls);
}

function describeError(error: unknown, t: Translate, verbose: boolean): string[] {
  if (error instanceof SilentError) return [];
  // A cancel is the admin's choice, not an error: said plainly, without the prefix.
  if (error instanceof CancelError) return [t(error.key, error.params)];
  if (error instanceof CliError) {
    const lines = [`${t('error.prefix')} ${t(error.key, error.params)}`];
    for (const detail of error.details) lines.push(`${detail.prefix ?? ''}${t(detail.key, detail.params)}`);
    if (error.hint) lines.push(t(error.hint.key, error.hint.params));
    if (verbose && error.cause instanceof Error) lines.push(`  cause: ${error.cause.message}`);
    return lines;
  }
  const detail = error instanceof Error ? (verbose ? error.stack ?? error.message : error.message) : String(error);
  return [`${t('error.prefix')} ${t('error.unexpected')}`, `  ${detail}`];
}
