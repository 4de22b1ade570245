import type { Writable } from 'node:stream';
import { ExitCode, SilentError } from '../errors/index.js';

/**
 * The reader of stdout went away (`users list | head -1`). Like a program killed by
 * SIGPIPE, the command ends at once, quietly, and the shell sees 141 (128 + SIGPIPE).
 */
export class BrokenPipeError extends SilentError {
  constructor() {
    super(ExitCode.brokenPipe);
  }
}

/** True once a write to this stream failed because its reader closed the pipe. */
export function pipeBroken(stream: Writable): boolean {
  return (stream as { brokenPipe?: boolean }).brokenPipe === true;
}

/** Called once per stream before anything is written: EPIPE is noted, never a crash with a stack trace. */
export function watchBrokenPipe(stream: Writable): void {
  if ((stream as { brokenPipe?: boolean }).brokenPipe !== undefined) return;
  Object.assign(stream, { brokenPipe: false });
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') Object.assign(stream, { brokenPipe: true });
  });
}
