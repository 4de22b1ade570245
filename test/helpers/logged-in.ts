import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toStoredTokens } from '../../src/chatwork/tokens.js';
import type { Sandbox } from '../../sandbox/src/server.js';
import { openFileStore } from '../../src/store/secrets/file.js';
import { registerStateEnv, withStore } from './state.js';
import { freshDatabase } from './postgres.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import { authorize } from './oauth-browser.js';

/** The demo HiManager directory that goes with the sandbox's demo seed. */
export const DEMO_USERS = fileURLToPath(new URL('../../demo/users.csv', import.meta.url));
export const DEMO_REMINDERS = fileURLToPath(new URL('../../demo/reminders.json', import.meta.url));

/** The demo seed's group room where the notification account is admin. */
export function hrRoomId(sandbox: Sandbox): number {
  return sandbox.control.rooms().find((r) => r.name === '人事部 HiManager通知')!.room_id;
}

type Destinations = Record<'praise' | 'survey' | 'update-survey', string>;

/**
 * Through the CLI itself: the demo directory imported, linked by `link --auto --yes`, and
 * a destination per type (given the HR room's id). Returns that room id.
 */
export async function setUpDemo(sandbox: Sandbox, cli: (args: string[]) => Promise<unknown>, destinations: (hr: number) => Destinations): Promise<number> {
  const hr = hrRoomId(sandbox);
  await cli(['users', 'import', DEMO_USERS]);
  await cli(['link', '--auto', '--yes']);
  for (const [type, destination] of Object.entries(destinations(hr))) await cli(['destinations', 'set', type, destination]);
  return hr;
}

/**
 * A config dir logged in to the sandbox through the real OAuth flow, with the file
 * secret store: what `auth login --secret-store file` leaves behind.
 */
export async function loggedInConfigDir(sandbox: Sandbox, backend: Backend = 'sqlite'): Promise<{ configDir: string; env: NodeJS.ProcessEnv; args: string[] }> {
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
  const stateEnv = backend === 'postgres' ? await postgresStateEnv() : {};
  registerStateEnv(configDir, stateEnv);
  const response = await authorize(sandbox);
  const tokens = JSON.stringify(toStoredTokens(response, Date.now()));
  if (backend === 'postgres') {
    // A shared database keeps the secrets itself, encrypted under the state key.
    await withStore(configDir, async (store) => {
      await store.secrets!.set('client-secret', sandbox.client.clientSecret);
      await store.secrets!.set('tokens', tokens);
    });
  } else {
    const secrets = openFileStore(configDir);
    await secrets.set('client-secret', sandbox.client.clientSecret);
    await secrets.set('tokens', tokens);
  }
  await withStore(configDir, (store) => store.config.update((s) => {
    s.clientId = sandbox.client.clientId;
    s.redirectUri = sandbox.client.redirectUri;
    // Tests about delivery must not depend on the hour they run at: the calendar is ignored
    // here, and the calendar's own tests set it.
    s.calendar = { ...DEFAULT_CALENDAR, policy: { praise: 'send', survey: 'send', 'update-survey': 'send' } };
  }));
  return { configDir, env: { ...sandbox.env, ...stateEnv }, args: ['--config-dir', configDir, '--secret-store', 'file'] };
}

/**
 * Every contact of the sandbox's account as a linked HiManager user (id P<account id>):
 * the state `users import` plus `link --auto` leave, for tests about delivery.
 */
export async function linkAllContacts(sandbox: Sandbox, configDir: string, destinations: Partial<Record<'praise' | 'survey' | 'update-survey', string>> = {}) {
  const state = sandbox.control.state;
  const contactIds = [...(state.contacts.get(state.operatorId) ?? [])];
  const users = contactIds.map((id) => ({ id: `P${id}`, name: state.accounts.get(id)!.name, email: `p${id}@sample.co.jp` }));
  await withStore(configDir, async (store) => {
    await store.users.replaceAll(users);
    await store.links.set(new Map(contactIds.map((id) => [`P${id}`, { accountId: id, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }])));
    const all = { praise: 'dm', survey: 'dm', 'update-survey': 'dm', ...destinations };
    for (const [type, destination] of Object.entries(all)) await store.destinations.set(type as 'praise', destination);
    await store.config.update((s) => {
      s.account = { accountId: state.operatorId, name: state.accounts.get(state.operatorId)!.name, chatworkId: 'himanager_notify' };
    });
  });
  return users.map((u) => u.id);
}

/** Every message each account received in its DM with the notification account. */
export function dmInbox(sandbox: Sandbox): Map<number, string[]> {
  const state = sandbox.control.state;
  const inbox = new Map<number, string[]>();
  for (const room of state.rooms.values()) {
    if (room.type !== 'direct') continue;
    const other = [...room.members.keys()].find((id) => id !== state.operatorId)!;
    inbox.set(other, room.messages.filter((m) => m.account.account_id === state.operatorId).map((m) => m.body));
  }
  return inbox;
}

export type Backend = 'sqlite' | 'postgres';

/** Every backend a test of the core runs on; PostgreSQL needs the test cluster (see postgres.ts). */
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

/** A fresh database on the test cluster and a fresh state key, as the env of a host that shares it. */
async function postgresStateEnv(): Promise<NodeJS.ProcessEnv> {
  const db = await freshDatabase();
  return { HIMANAGER_CHATWORK_STATE: db.url, HIMANAGER_CHATWORK_STATE_KEY: randomBytes(32).toString('base64') };
}
