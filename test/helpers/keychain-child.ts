import { spawnSync } from 'node:child_process';

/** Writes a keychain entry from another process, so this one's D-Bus connection stays unmade. */
export function writeEntryInChild(busAddress: string, dataHome: string, account: string, name: string, value: string): void {
  const script = `import('@napi-rs/keyring').then(async ({ AsyncEntry }) => {
    await new AsyncEntry('himanager-chatwork', ${JSON.stringify(`${account}:${name}`)}, { linux: { store: 'secret-service' } })
      .setSecret(Buffer.from(${JSON.stringify(value)}));
  })`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress, XDG_DATA_HOME: dataHome },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`writing the keychain entry failed: ${result.stderr}`);
}
