import type { Config, Destination, Destinations, HiManagerUser, Link, NotificationType } from '../../domain.js';
import type { LinkWriteMeta } from './decisions.js';

/** What the admin sets up: the configuration, the user directory, the links and the destinations. */
export interface ConfigRepo {
  get(): Promise<Config>;
  /** Read, change and write in one transaction: two admins at once never lose a change. */
  update(change: (config: Config) => void): Promise<Config>;
}

export interface UsersRepo {
  count(): Promise<number>;
  /** In directory order. */
  all(): Promise<HiManagerUser[]>;
  /** Rows for these ids (or e-mail addresses, lower-case), looked up in batches. */
  byIds(ids: string[]): Promise<Map<string, HiManagerUser>>;
  find(reference: string): Promise<HiManagerUser | undefined>;
  /** The users these references (ids or e-mail addresses) name, in batches; unknown ones are left out. */
  lookup(references: string[]): Promise<HiManagerUser[]>;
  /** Replaces the whole directory in one transaction; links are kept (a link may outlive its user). Logout's and tests' tool: imports retire instead. */
  replaceAll(users: HiManagerUser[]): Promise<UsersDiff>;
  /**
   * `users import` and `users sync`: in one transaction, the directory as it is (retired people
   * included) and its links go to `plan`, which returns what to write (or nothing) and its result.
   * Rows are written whole; each link of `endLinks` moves to the ended links with `at`.
   */
  applyDirectory<T>(plan: (current: CurrentDirectory) => { write?: DirectoryWrite; result: T }): Promise<T>;
}

interface UsersDiff { added: string[]; changed: string[]; removed: string[]; orphanedLinks: string[] }

/** A directory row as stored: the person, their place in the list, and who set their status. */
export interface StoredUser { user: HiManagerUser; position: number; statusSource: StatusSource }
/** 'command': a later `users leave` set the status, and an export's status does not overwrite it. */
export type StatusSource = 'file' | 'command';
export interface CurrentDirectory { users: StoredUser[]; links: Map<string, Link> }
export interface DirectoryWrite { upsert: StoredUser[]; endLinks: string[]; at: string; reason: 'retired' }

export interface LinksRepo {
  count(): Promise<number>;
  all(): Promise<Map<string, Link>>;
  byUserIds(userIds: string[]): Promise<Map<string, Link>>;
  /**
   * Adds or changes links in one transaction. A link whose contact is already another user's
   * is refused (never two people on one contact); `onlyIfUnlinked` keeps existing links.
   * Every write records the link history in its own transaction (`meta`: confirmed by a person,
   * and why a replaced link ended, `corrected` unless told).
   */
  set(links: Map<string, Link>, options?: { onlyIfUnlinked?: boolean } & LinkWriteMeta): Promise<LinkChange>;
  /** Removes links; their history ends with `meta.reason` (`unlinked` unless told). */
  remove(userIds: string[], meta?: LinkWriteMeta): Promise<string[]>;
  /** The file is the whole mapping: adds and changes, and removes the rest only with `prune` (history reason `pruned`). */
  replace(links: Map<string, Link>, options: { prune: boolean } & LinkWriteMeta): Promise<LinkChange>;
}

export interface LinkChange { added: string[]; changed: string[]; removed: string[]; refused: { userId: string; owner: string }[] }

export interface DestinationsRepo {
  all(): Promise<Destinations>;
  set(type: NotificationType, destination: Destination | undefined): Promise<void>;
}
