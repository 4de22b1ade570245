import { exactKey, swappedKey, variantKey } from './normalize.js';
import { phoneticKeys, type KeyKind } from './reading.js';

export interface NameKeys {
  exact: string;
  variant: string;
  swapped?: string;
  /** Every lookup key, with the strength of the evidence it carries. */
  all: Map<string, KeyKind>;
}

export function nameKeys(name: string, reading?: string): NameKeys {
  const swapped = swappedKey(name);
  const all = phoneticKeys(name, reading);
  const variant = variantKey(name);
  // A name of only spaces and dots has no written key: an empty one would join every such name.
  if (variant) all.set(variant, 'written');
  if (swapped) all.set(variantKey(swapped), 'written');
  return { exact: exactKey(name), variant, swapped: swapped ? variantKey(swapped) : undefined, all };
}

/**
 * Every item under each of its keys, so the other side finds what is close in one
 * lookup per key: the work grows linearly with the number of people.
 */
export function indexByName<T>(items: T[], keysOf: (item: T) => NameKeys) {
  const keys = new Map<T, NameKeys>();
  const index = new Map<string, Set<T>>();
  for (const item of items) {
    const k = keysOf(item);
    keys.set(item, k);
    for (const key of k.all.keys()) {
      let set = index.get(key);
      if (!set) index.set(key, set = new Set());
      set.add(item);
    }
  }
  const close = (k: NameKeys): Set<T> => {
    const found = new Set<T>();
    for (const key of k.all.keys()) for (const item of index.get(key) ?? []) found.add(item);
    return found;
  };
  return { keys, close };
}

/** The strongest evidence two people share: a written key beats a reading. */
export function sharedEvidence(a: NameKeys, b: NameKeys): KeyKind | undefined {
  let found: KeyKind | undefined;
  for (const [key, kind] of a.all) {
    const other = b.all.get(key);
    if (!other) continue;
    if (kind === 'written' && other === 'written') return 'written';
    found = 'reading';
  }
  return found;
}
