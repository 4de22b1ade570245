import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { SECRET_FILE } from './secrets/file.js';

/**
 * Per-machine choices that are not secrets and not part of a shared install: where this
 * machine keeps its secrets (a keychain is per machine even when the state is shared),
 * and the client ID last typed in the wizard, so that a failed login does not forget it.
 */
export interface Preferences {
  secretStore?: 'keychain' | 'file';
  clientId?: string;
}

const PREFERENCES_FILE = 'preferences.json';

export function readPreferences(configDir: string): Preferences {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(configDir, PREFERENCES_FILE), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const { secretStore, clientId } = parsed as Record<string, unknown>;
    return {
      secretStore: secretStore === 'file' || secretStore === 'keychain' ? secretStore : undefined,
      clientId: typeof clientId === 'string' && clientId ? clientId : undefined,
    };
  } catch {
    // Missing or unreadable: a preference, never a reason to fail.
    return {};
  }
}

export async function updatePreferences(configDir: string, change: Partial<Preferences>): Promise<void> {
  const next = { ...readPreferences(configDir), ...change };
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(configDir, PREFERENCES_FILE), JSON.stringify(next, null, 2) + '\n', 0o600);
}

/**
 * The secret store when neither --secret-store nor HIMANAGER_CHATWORK_SECRET_STORE says:
 * the one remembered for this config dir, else `file` when a secrets file is already there
 * (an install set up before the choice was remembered), else the keychain.
 */
export function rememberedSecretStore(configDir: string): 'keychain' | 'file' {
  const remembered = readPreferences(configDir).secretStore;
  if (remembered) return remembered;
  return existsSync(join(configDir, SECRET_FILE)) ? 'file' : 'keychain';
}
