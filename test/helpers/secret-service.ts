import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  busAddress: string;
  /** What gnome-keyring printed, and how it ended if it did: for a failing test's message. */
  diagnostics(): string;
  stop(): Promise<void>;
}

// The standard session config without its service dirs: a keyring daemon that dies then
// makes the next call fail plainly, instead of D-Bus activating a fresh, locked one.
const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

/**
 * A private session bus with gnome-keyring's Secret Service on it, in a throwaway
 * data dir, so the keychain tests use the real thing and leave nothing behind.
 * `unlocked: false` starts the daemon on a login keyring it cannot unlock: the
 * state of a keychain that cron cannot open.
 */
export async function startSecretService(options: { unlocked?: boolean; dataHome?: string } = {}): Promise<SecretService> {
  const dataHome = options.dataHome ?? mkdtempSync(join(tmpdir(), 'hmcw-keyring-'));
  const configFile = join(mkdtempSync(join(tmpdir(), 'hmcw-bus-')), 'bus.conf');
  writeFileSync(configFile, BUS_CONFIG);
  const bus = spawn('dbus-daemon', [`--config-file=${configFile}`, '--nofork', '--print-address=1', '--nopidfile'], {
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
    env, stdio: ['pipe', 'ignore', 'pipe'],
  });
  let printed = '';
  keyring.stderr!.on('data', (chunk) => { printed += chunk; });
  if (unlocked) keyring.stdin!.end('test');
  else keyring.stdin!.end();
  const diagnostics = () => {
    const ended = keyring.exitCode !== null || keyring.signalCode !== null
      ? `gnome-keyring-daemon ended (exit ${keyring.exitCode}, signal ${keyring.signalCode})` : 'gnome-keyring-daemon is running';
    return `${ended}; it printed:\n${printed || '(nothing)'}`;
  };
  const service = { busAddress, diagnostics, stop: () => Promise.all([end(keyring), end(bus)]).then(() => undefined) };
  try {
    // gnome-keyring can abort when a client's first request comes while it is still
    // setting up (its NULL-client race); a test starts only once the login keyring is
    // there and, when asked for, unlocked.
    await waitFor(busAddress, unlocked ? loginKeyringUnlocked : secretsNameOwned, diagnostics);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

type Probe = (busAddress: string) => Promise<boolean>;

const secretsNameOwned: Probe = async (busAddress) =>
  (await dbusSend(busAddress, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner',
    'string:org.freedesktop.secrets'])).includes('boolean true');

const loginKeyringUnlocked: Probe = async (busAddress) => {
  const alias = await dbusSend(busAddress, ['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.ReadAlias', 'string:default']);
  const path = /object path "([^"]+)"/.exec(alias)?.[1];
  if (!path || path === '/') return false;
  const locked = await dbusSend(busAddress, ['--dest=org.freedesktop.secrets', path, 'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection', 'string:Locked']);
  return locked.includes('boolean false');
};

async function waitFor(busAddress: string, ready: Probe, diagnostics: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ready(busAddress)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the Secret Service did not come up on the private bus; ${diagnostics()}`);
}

function dbusSend(busAddress: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const probe = spawn('dbus-send', ['--session', '--print-reply', ...args], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    probe.stdout!.on('data', (chunk) => { out += chunk; });
    probe.on('close', () => resolve(out));
    probe.on('error', () => resolve(''));
  });
}

/** Ends a child; one already gone, by its exit or by a signal (a crash), is left alone. */
function end(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
