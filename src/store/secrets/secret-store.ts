/** What the secret store holds. Tokens are one entry so a rotated pair is written at once. */
export type SecretName = 'client-secret' | 'tokens';
/** Where the local secrets live: the OS keychain, or a file beside the state. */
export type SecretStoreKind = 'keychain' | 'file';

export interface SecretStore {
  readonly backend: 'keychain' | 'file' | 'database';
  /** Where the secrets live, for `auth status` and `doctor`; never a secret. */
  readonly location: string;
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Writes, reads back and deletes a canary: fails with a SecretStoreError if unusable. */
  probe(): Promise<void>;
  /**
   * Makes sure a later write of `name` cannot fail for lack of space or permission, before
   * something irreversible happens (a rotating refresh token spent). Throws the reason now.
   */
  prepare?(name: SecretName): Promise<PreparedSecret>;
}

export interface PreparedSecret {
  commit(value: string): Promise<void>;
  abandon(): Promise<void>;
}

export const KEYCHAIN_SERVICE = 'himanager-chatwork';
export const PROBE_VALUE = 'probe';
