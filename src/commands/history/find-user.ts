import type { HiManagerUser } from '../../domain.js';
import { variantKey } from '../../linking/normalize.js';
import { phoneticKey, phoneticKeys } from '../../linking/reading.js';

export type UserMatch =
  | { kind: 'one'; user: HiManagerUser }
  | { kind: 'many'; users: HiManagerUser[] }
  | { kind: 'none'; nearest: HiManagerUser[] };

/**
 * Who "history --user 田中" means: an id or e-mail names one person; otherwise the name or its
 * reading, written as the matcher folds it (variant kanji, spaces, kana, romaji spellings), as
 * a whole or as a part (a surname). A whole match wins over partial ones: "田中 舞" is one
 * person even when there is also a 田中 舞子.
 */
export function findUser(reference: string, users: HiManagerUser[]): UserMatch {
  const text = reference.trim();
  const byId = users.find((user) => user.id === text) ?? users.find((user) => user.email.toLowerCase() === text.toLowerCase());
  if (byId) return { kind: 'one', user: byId };
  const written = variantKey(text);
  const sound = phoneticKey(text);
  const whole: HiManagerUser[] = [];
  const part: HiManagerUser[] = [];
  for (const user of users) {
    const keys = keysOf(user);
    if (keys.some((key) => key === written || (sound !== undefined && key === sound))) whole.push(user);
    else if (written && keys.some((key) => key.includes(written) || (sound !== undefined && key.includes(sound)))) part.push(user);
  }
  const found = whole.length ? whole : part;
  if (found.length === 1) return { kind: 'one', user: found[0]! };
  if (found.length > 1) return { kind: 'many', users: found };
  return { kind: 'none', nearest: nearest(written, sound, users) };
}

/** The name and reading as written and as read (romaji-folded), every order the matcher knows. */
function keysOf(user: HiManagerUser): string[] {
  const keys = new Set([variantKey(user.name), ...(user.reading ? [variantKey(user.reading)] : [])]);
  for (const key of phoneticKeys(user.name, user.reading).keys()) keys.add(key);
  return [...keys].filter(Boolean);
}

/** Up to three people whose name or reading is fewest edits away: "did you mean …". */
function nearest(written: string, sound: string | undefined, users: HiManagerUser[]): HiManagerUser[] {
  if (!written) return [];
  const scored = users.map((user) => {
    const keys = keysOf(user);
    const distance = Math.min(...keys.map((key) => Math.min(editDistance(written, key), sound ? editDistance(sound, key) : Infinity)));
    return { user, distance: distance / Math.max(written.length, 1) };
  });
  // Far-off names are no help: at most about half of what was typed may differ.
  return scored.filter((s) => s.distance <= 0.6).sort((a, b) => a.distance - b.distance).slice(0, 3).map((s) => s.user);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
