import { execFileSync } from 'node:child_process';

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
