import type { HiManagerUser } from '../domain.js';
import type { CurrentDirectory, DirectoryWrite, StoredUser } from '../store/store.js';

/** The fields a change names; position is not one (the export's order is kept silently). */
const USER_FIELDS = ['name', 'email', 'department', 'reading', 'status', 'managerId'] as const;
type UserField = (typeof USER_FIELDS)[number];

interface Person { id: string; name: string }
export interface DirectoryDiff {
  added: Person[];
  changed: (Person & { fields: UserField[] })[];
  /** Newly retired: absent from the file, or 退職 in it. `accountId`: the link that ends. */
  retired: (Person & { cause: 'absent' | 'status'; accountId?: number })[];
  /** Retired before, in the file again: the same row, active again, without their old link. */
  reactivated: Person[];
  /** In the directory before (not retired): the base of the guard's share. */
  activeBefore: number;
  /** In the directory after. */
  activeAfter: number;
}

/**
 * The one rule of `users import` and `users sync`: the file is the directory. People in it are
 * added or changed; people absent from it (or 退職 in it) are retired, never deleted, and their
 * link ends. A status a command set (`statusSource: 'command'`) wins over the file's active or
 * on-leave; retirement wins over both.
 */
export function diffDirectory(current: CurrentDirectory, file: HiManagerUser[], at: string): { diff: DirectoryDiff; write: DirectoryWrite } {
  const before = new Map(current.users.map((stored) => [stored.user.id, stored]));
  const diff: DirectoryDiff = { added: [], changed: [], retired: [], reactivated: [], activeBefore: 0, activeAfter: 0 };
  const upsert: StoredUser[] = [];
  const endLinks: string[] = [];
  const retire = (user: HiManagerUser, cause: 'absent' | 'status') => {
    const link = current.links.get(user.id);
    diff.retired.push({ id: user.id, name: user.name, cause, ...(link ? { accountId: link.accountId } : {}) });
    if (link) endLinks.push(user.id);
  };
  for (const stored of current.users) if (stored.user.status !== 'retired') diff.activeBefore += 1;
  const placeOf = positions(current.users, file, before);
  file.forEach((fromFile, index) => {
    const position = placeOf(fromFile.id, index);
    const previous = before.get(fromFile.id);
    const fileStatus = fromFile.status ?? 'active';
    if (!previous) {
      diff.added.push({ id: fromFile.id, name: fromFile.name });
      upsert.push({ user: fileStatus === 'retired' ? { ...fromFile, retiredAt: at } : fromFile, position, statusSource: 'file' });
      if (fileStatus !== 'retired') diff.activeAfter += 1;
      return;
    }
    const was = previous.user;
    const wasRetired = was.status === 'retired';
    const commandWins = previous.statusSource === 'command' && !wasRetired && fileStatus !== 'retired';
    const status = commandWins ? was.status ?? 'active' : fileStatus;
    const next: HiManagerUser = { ...fromFile };
    delete next.status;
    if (status !== 'active') next.status = status;
    if (status === 'retired') next.retiredAt = was.retiredAt ?? at;
    const statusSource = commandWins ? 'command' : 'file';
    const fields = USER_FIELDS.filter((field) => (was[field] ?? '') !== (next[field] ?? ''));
    if (wasRetired && status !== 'retired') diff.reactivated.push({ id: next.id, name: next.name });
    else if (!wasRetired && status === 'retired') retire(next, 'status');
    else if (fields.length) diff.changed.push({ id: next.id, name: next.name, fields });
    if (status !== 'retired') diff.activeAfter += 1;
    if (fields.length || position !== previous.position || statusSource !== previous.statusSource) upsert.push({ user: next, position, statusSource });
  });
  const inFile = new Set(file.map((user) => user.id));
  for (const stored of current.users) {
    if (inFile.has(stored.user.id) || stored.user.status === 'retired') continue;
    // Kept where it was: its history still names it.
    upsert.push({ user: { ...stored.user, status: 'retired', retiredAt: at }, position: stored.position, statusSource: 'file' });
    retire(stored.user, 'absent');
  }
  return { diff, write: { upsert, endLinks, at, reason: 'retired' } };
}

/**
 * The directory keeps the file's order. When the people already in it come in the same order as
 * before (the usual nightly export), they keep their places and newcomers go after the last one,
 * so a sync with 1 % changes writes 1 % of the rows, not every row behind the first leaver.
 * When the file reorders them, every place is rewritten from the file.
 */
function positions(stored: StoredUser[], file: HiManagerUser[], before: Map<string, StoredUser>): (id: string, index: number) => number {
  let last = -Infinity;
  let inOrder = true;
  for (const user of file) {
    const place = before.get(user.id)?.position;
    if (place === undefined) continue;
    if (place < last) { inOrder = false; break; }
    last = place;
  }
  if (!inOrder) return (_id, index) => index;
  let next = 0;
  for (const row of stored) next = Math.max(next, row.position + 1);
  return (id) => before.get(id)?.position ?? next++;
}

/** The share of the people in the directory this diff retires, in percent (0 for an empty directory). */
export function retireShare(diff: DirectoryDiff): number {
  return diff.activeBefore === 0 ? 0 : (diff.retired.length / diff.activeBefore) * 100;
}
