import type { ChatworkApi, OAuthClient } from '../chatwork/client/index.js';
import type { SecretStore, SecretStoreKind } from '../store/secrets/secret-store.js';
import type { Store } from '../store/store.js';

/** The parts of Deps that are built lazily, each by its module here. */
export interface Stores {
  /** The one store of all state, opened (and migrated) on first use; refused (exit 1) once `state migrate` moved it. */
  state(): Promise<Store>;
  /** The same store even when it was moved: only for `state info` and `doctor`, which report the move. */
  stateEvenIfMoved(): Promise<Store>;
  secrets(): Promise<SecretStore>;
  /** Switches this run to another secret store (the wizard's fallback from a keychain that does not work). */
  useSecretStore(kind: SecretStoreKind): void;
  /** Closes whatever was opened: the entry point calls it after every command. */
  close(): Promise<void>;
}

export interface Http {
  /** The Chatwork API, authenticated from the stored tokens. */
  chatwork(): Promise<ChatworkApi>;
  /** The token endpoint; the client secret comes from the secret store unless given. */
  oauth(clientId: string, clientSecret?: string): Promise<OAuthClient>;
}

export interface Browser {
  /** Resolves false when no browser could be started; never throws. */
  open(url: string): Promise<boolean>;
}
