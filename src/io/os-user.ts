import { userInfo } from 'node:os';

/**
 * The OS user, as the audit records who made a change (the CLI's or the console's). A container
 * user with no entry in /etc/passwd has no name: its uid then (never the environment, which
 * env.ts alone reads and which anyone can set).
 */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    const uid = process.getuid?.();
    return uid === undefined ? 'unknown' : `uid ${uid}`;
  }
}
