import { CliError } from '../../errors/index.js';

/**
 * SQLSTATEs of a session the server ended (pg_terminate_backend, a restart, a failover) and
 * of a broken connection; and the errors of a socket that died under the driver.
 */
const LOST_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const LOST_ERRNOS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);
const LOST_MESSAGES = [/^Connection terminated/, /not queryable/, /^Client was closed/];

/** Whether this error says the connection (not the statement) failed. */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_STATES.has(code) || LOST_ERRNOS.has(code))) return true;
  return LOST_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** A lost connection as the store's own error (exit 1), saying what it means for the run; anything else as it is. */
export function asStoreError(error: unknown): unknown {
  if (!isConnectionLost(error)) return error;
  const reason = [(error as { code?: string }).code, (error as Error).message].filter(Boolean).join(': ');
  return new CliError('state.pgLost', { reason }, { cause: error });
}
