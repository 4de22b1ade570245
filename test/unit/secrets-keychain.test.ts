import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKeychainStore } from '../../src/store/secrets/keychain.js';
import { startSecretService, type SecretService } from '../helpers/secret-service.js';
import { systemTool } from '../helpers/system.js';

const keyring = systemTool('gnome-keyring-daemon', 'gnome-keyring dbus');
const account = `test-${process.pid}`;

// @napi-rs/keyring keeps its D-Bus connection for the life of the process, so each
// keychain state (unlocked, locked, no bus) has a test file, hence a process, of its own.
describe.skipIf(!keyring.available)('OS keychain through a real Secret Service (gnome-keyring)', () => {
  let service: SecretService;
  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.busAddress;
  });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') console.error(service.diagnostics());
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('stores, reads back and deletes a secret', async () => {
    const store = await openKeychainStore(account);
    await store.probe();
    expect(await store.get('client-secret')).toBeUndefined();
    await store.set('client-secret', 'cs-日本語-secret');
    expect(await store.get('client-secret')).toBe('cs-日本語-secret');
    await store.set('tokens', '{"accessToken":"a"}');
    const again = await openKeychainStore(account);
    expect(await again.get('tokens')).toBe('{"accessToken":"a"}');
    await store.delete('client-secret');
    expect(await store.get('client-secret')).toBeUndefined();
    await store.delete('client-secret'); // deleting what is not there is no error
  });

  it('keeps two config dirs apart', async () => {
    const one = await openKeychainStore(`${account}-one`);
    const two = await openKeychainStore(`${account}-two`);
    await one.set('client-secret', 'first');
    expect(await two.get('client-secret')).toBeUndefined();
  });
});
