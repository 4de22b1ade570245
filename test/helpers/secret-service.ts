import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService { busAddress: string; stop(): Promise<void> }

/**
 * A private session bus with gnome-keyring's Secret Service on it, in a throwaway
 * data dir, so the keychain tests use the real thing and leave nothing behind.
 * `unlocked: false` starts the daemon on a login keyring it cannot unlock: the
 * state of a keychain that cron cannot open.
 */
export async function startSecretService(options: { unlocked?: boolean; dataHome?: string } = {}): Promise<SecretService> {
  const dataHome = options.dataHome ?? mkdtempSync(join(tmpdir(), 'hmcw-keyring-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', '--nopidfile'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const busAddress = await new Promise<string>((resolve, reject) => {
    let text = '';
    bus.stdout!.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve(line.trim());
    });
    bus.on('error', reject);
    bus.on('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: dataHome };
  const unlocked = options.unlocked ?? true;
  const keyring = spawn('gnome-keyring-daemon', [unlocked ? '--unlock' : '--start', '--components=secrets', '--foreground'], {
    env, stdio: ['pipe', 'ignore', 'ignore'],
  });
  if (unlocked) keyring.stdin!.end('test');
  else keyring.stdin!.end();
  await waitForName(busAddress);
  return {
    busAddress,
    async stop() {
      await Promise.all([kill(keyring), kill(bus)]);
    },
  };
}

async function waitForName(busAddress: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const owned = await new Promise<boolean>((resolve) => {
      const probe = spawn('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      probe.stdout!.on('data', (chunk) => { out += chunk; });
      probe.on('close', () => resolve(out.includes('boolean true')));
      probe.on('error', () => resolve(false));
    });
    if (owned) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the Secret Service did not come up on the private bus');
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
