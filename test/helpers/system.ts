import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Tests that need a system package skip, with a message, where it is missing;
 * under CI (.ci/run installs them) a missing package fails the run instead.
 */
export function systemTool(name: string, packageHint: string): { available: boolean; reason: string } {
  let available = true;
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    available = false;
  }
  const reason = `${name} is not installed (apt-get install -y ${packageHint})`;
  if (!available && process.env.CI) throw new Error(`CI must have ${name}: ${reason}`);
  if (!available) console.warn(`skipping: ${reason}`);
  return { available, reason };
}

/** libfaketime, which gives one process another wall clock (the chaos run's clocks use it). */
export const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1'].find((path) => existsSync(path));

/** A file a test needs at a fixed path (GNU time's /usr/bin/time, libfaketime), as systemTool does for commands. */
export function systemFile(path: string | undefined, what: string, packageHint: string): { available: boolean; reason: string } {
  const available = path !== undefined && existsSync(path);
  const reason = `${what} is not installed (apt-get install -y ${packageHint})`;
  if (!available && process.env.CI) throw new Error(`CI must have ${what}: ${reason}`);
  if (!available) console.warn(`skipping: ${reason}`);
  return { available, reason };
}
